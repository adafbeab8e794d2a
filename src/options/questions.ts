import { usageError } from '../errors.js';
import { type AnswerKey, type Answers, answerSpecs, formatAnswer } from './answers.js';
import type { Choice } from './choices.js';
import { splitList } from './flag-values.js';
import { presetIds, presetOf } from './presets.js';
import type { Offered, Question, Reply } from './question.js';
import { readAnswer } from './read-answer.js';
import { refusal, type Settled } from './rules.js';

/** What a question about one answer may take into account beside the answers so far. */
export interface Asking {
  /** Answers already known (given, fixed by the preset, or asked before): rules wait for the others. */
  readonly settled: Settled;
  /** The only values to offer: a preset may narrow a choice (storage-first asks SQS or Kinesis). */
  readonly only?: readonly string[];
  /** A further check of a text reply, beside the answer's own (the folder a name makes). */
  readonly check?: (text: string) => string | undefined;
}

/**
 * The question for one answer of the table, as its prompt spec describes it: the values it
 * may take (each refused one disabled, with the reason the rules give), the current value as
 * the default, and the same validation as the answer's flag.
 */
export function questionFor(key: AnswerKey, answers: Answers, asking: Asking): Question {
  const { kind, message } = answerSpecs[key].prompt;
  const problem = (raw: string) => problemWith(key, raw, answers, asking.settled);
  switch (kind) {
    case 'select': {
      const choices = offered(key, answers, asking);
      const current = formatAnswer(key, answers[key]);
      const first = choices.find((choice) => !choice.disabled);
      if (!first) throw usageError(`Nothing can be chosen for ${answerSpecs[key].summary.label.toLowerCase()}: ${choices.map((c) => `${c.label}: ${c.disabled}`).join('; ')}`);
      return { id: key, kind: 'select', message, choices, default: choices.some((c) => c.value === current && !c.disabled) ? current : first.value };
    }
    case 'multiselect': {
      const checked = splitList(formatAnswer(key, answers[key]));
      const choices = offered(key, answers, asking).map((choice) => ({ ...choice, checked: !choice.disabled && checked.includes(choice.value) }));
      return { id: key, kind: 'checkbox', message, choices, validate: (values) => problem(values.join(',')) };
    }
    case 'confirm':
      return { id: key, kind: 'confirm', message, default: answers[key] as boolean };
    case 'text':
    case 'per-service':
      return { id: key, kind: 'text', message, default: formatAnswer(key, answers[key]) || undefined, validate: (text) => inWords(text, problem(text.trim())) ?? asking.check?.(text.trim()) };
  }
}

/** The answer a reply to `questionFor(key, ...)` gives. */
export function answerFrom<K extends AnswerKey>(key: K, reply: Reply<Question>): Answers[K] {
  const raw = Array.isArray(reply) ? reply.join(',') : typeof reply === 'string' ? reply.trim() : reply;
  const read = readAnswer(key, raw);
  if (!read.ok) throw usageError(`${answerSpecs[key].summary.label}: ${read.problem}`);
  return read.value;
}

/** Why `raw` cannot be this answer now: its own validation first, then the rules among settled answers. */
export function problemWith(key: AnswerKey, raw: string, answers: Answers, settled: Settled): string | undefined {
  const read = readAnswer(key, raw);
  if (!read.ok) return read.problem;
  return refusal(key, { ...answers, [key]: read.value }, settled);
}

/**
 * A problem as a reply to what was typed: a schema message that states a fact ("is not an
 * AWS region ...") gets the typed text as its subject; one that says what to do ("must be
 * ...") reads well on its own.
 */
export function inWords(text: string, problem: string | undefined): string | undefined {
  if (problem === undefined) return undefined;
  return problem.startsWith('is ') && text.trim() !== '' ? `${text.trim()} ${problem}` : problem;
}

/** The choices the prompt spec lists (a preset shows its number and title), each with why not when refused. */
function offered(key: AnswerKey, answers: Answers, asking: Asking): Offered[] {
  const table: readonly Choice[] =
    key === 'pattern'
      ? presetIds.map((id) => presetOf(id)).map((preset) => ({ value: preset.id, label: `${preset.number}. ${preset.title}`, hint: preset.summary }))
      : (answerSpecs[key].prompt.choices ?? []);
  return table
    .filter((choice) => asking.only === undefined || asking.only.includes(choice.value))
    .map((choice) => {
      const disabled = problemWith(key, choice.value, answers, asking.settled);
      return { value: choice.value, label: choice.label, ...(choice.hint ? { hint: choice.hint } : {}), ...(disabled ? { disabled } : {}) };
    });
}
