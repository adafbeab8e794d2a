import { usageError } from '../errors.js';
import { type AnswerKey, answerKeys, type Answers, answerSpecs } from './answers.js';
import type { Preset } from './presets.js';
import type { Ask, ConfirmQuestion } from './question.js';
import { answerFrom, type Asking, inWords, questionFor } from './questions.js';
import { readAnswer } from './read-answer.js';
import { checkCombination, type Settled } from './rules.js';

/**
 * The order questions come in: the table's, except that an answer whose prompt names
 * another (`after`) comes right after that one, because its defaults come from it.
 */
export const promptOrder: readonly AnswerKey[] = answerKeys
  .filter((key) => answerSpecs[key].prompt.after === undefined)
  .flatMap((key) => [key, ...answerKeys.filter((other) => answerSpecs[other].prompt.after === key)]);

const customiseQuestion: ConfirmQuestion = { id: 'customise', kind: 'confirm', message: "Customise this preset's features?", default: false };

export interface InterviewPlan {
  readonly preset: Preset;
  /** Answers given as flags: never asked. */
  readonly given: ReadonlySet<AnswerKey>;
  /** Upgrading a project: every answer is asked, its stored value the default. */
  readonly upgrading: boolean;
}

/**
 * Asks, in dependency order, every answer neither a flag nor the preset settles (all of the
 * preset's features too when the person customises them), filling `answers` in. Each
 * question offers only what the answers before it allow; an answer that no longer applies
 * (edge features without a site) goes back to its default.
 */
export async function interview(ask: Ask, answers: Answers, { preset, given, upgrading }: InterviewPlan): Promise<void> {
  const narrowed = preset.asks ?? {};
  const fixed = Object.keys(preset.answers).filter((key) => !(key in narrowed) && !given.has(key as AnswerKey));
  const customise = upgrading || (fixed.length > 0 && (await ask(customiseQuestion)));
  const pending = new Set(promptOrder.filter((key) => key !== 'name' && key !== 'pattern' && !given.has(key) && (customise || !fixed.includes(key))));
  const settled: Settled = (key) => !pending.has(key);

  // Flags that cannot go together with each other or the preset are refused before any question.
  const early = checkCombination(answers, settled);
  if (early) throw usageError(early);

  for (const key of promptOrder) {
    if (!pending.delete(key)) continue;
    if (answerSpecs[key].appliesTo?.(answers) === false) {
      setAnswer(answers, key, structuredClone(answerSpecs[key].default));
      continue;
    }
    const asking: Asking = { settled, ...(customise ? {} : { only: narrowed[key as keyof typeof narrowed] }) };
    if (answerSpecs[key].prompt.kind === 'per-service') setAnswer(answers, key, await askPerService(ask, key, answers));
    else setAnswer(answers, key, answerFrom(key, await ask(questionFor(key, answers, asking))));
  }
}

/** One answer on its own (the name, the pattern), before the interview knows the preset. */
export async function askOne<K extends AnswerKey>(ask: Ask, key: K, answers: Answers, check?: Asking['check']): Promise<Answers[K]> {
  return answerFrom(key, await ask(questionFor(key, answers, { settled: () => true, check })));
}

/**
 * One account and region for each service in turn (the region defaulting to the app's),
 * each reply checked inline as the flag's `service=account/region` entry would be.
 */
async function askPerService<K extends AnswerKey>(ask: Ask, key: K, answers: Answers): Promise<Answers[K]> {
  const entries: string[] = [];
  for (const service of answers.services) {
    const stored = answers.serviceAccounts.find((entry) => entry.service === service);
    // A region equal to the app's is left out, so the service follows the app's region.
    const entry = (account: string, region = answers.region) => `${service}=${account.trim()}${region.trim() === answers.region ? '' : `/${region.trim()}`}`;
    // One entry alone: the rules about all of them wait for the whole list.
    const problem = (typed: string, candidate: string) => {
      const read = readAnswer(key, candidate);
      return read.ok ? undefined : inWords(typed, read.problem);
    };
    const account = await ask({
      id: `${key}.${service}.account`,
      kind: 'text',
      message: `${answerSpecs[key].prompt.message} ${service}`,
      default: stored?.account,
      validate: (text) => problem(text, entry(text)),
    });
    const region = await ask({
      id: `${key}.${service}.region`,
      kind: 'text',
      message: `${answerSpecs.region.prompt.message} for ${service}`,
      default: stored?.region ?? answers.region,
      validate: (text) => problem(text, entry(account, text)),
    });
    entries.push(entry(account, region));
  }
  return answerFrom(key, entries.join(','));
}

function setAnswer<K extends AnswerKey>(answers: Answers, key: K, value: Answers[K]) {
  answers[key] = value;
}
