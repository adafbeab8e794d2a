import { basename, resolve as resolvePath } from 'node:path';
import type * as z from 'zod/mini';
import { usageError } from '../errors.js';
import { type AnswerKey, answerKeys, type Answers, answerSpecs, defaultAnswers, flagName } from './answers.js';
import { presetIds, presetOf } from './presets.js';
import { checkCombination } from './rules.js';
import { answersSchema } from './schema.js';
import { answerWarnings } from './warnings.js';

/** Asks one question; the interactive implementation lives in prompts.ts, tests pass their own. */
export type Ask = <K extends AnswerKey>(key: K, current: Answers) => Promise<Answers[K]>;

export interface ResolveInput {
  /** The positional argument: where the project goes. */
  readonly directory?: string;
  /** Raw flag values as commander parsed them: strings, or booleans for switches. */
  readonly flags: Readonly<Partial<Record<AnswerKey, unknown>>>;
  /** Answers stored in an existing project's manifest (upgrade). */
  readonly stored?: Answers;
  readonly yes: boolean;
  /** Present only when prompting is allowed (a TTY, no CI, no --yes). */
  readonly ask?: Ask;
}

export interface Resolved {
  readonly answers: Answers;
  readonly directory: string;
  /** Valid answers that are probably not what was meant, one line each. */
  readonly warnings: readonly string[];
}

/**
 * Answers come from, lowest first: defaults ← the preset ← a stored manifest ← flags ←
 * prompts. Every layer is checked before anything is planned; bad input is a usage
 * error naming the flag to fix.
 */
export async function resolveAnswers(input: ResolveInput): Promise<Resolved> {
  const fromFlags = parseFlags(input.flags);

  let directory = input.directory;
  if (directory === undefined && fromFlags.name !== undefined) directory = fromFlags.name;
  if (directory === undefined) {
    if (input.ask) directory = await input.ask('name', defaultAnswers());
    else if (input.yes) directory = answerSpecs.name.default;
    else throw usageError('Missing the project directory: create-serverless-pattern <directory> (or --yes for ./serverless-app)');
  }
  const name = fromFlags.name ?? input.stored?.name ?? nameFromDirectory(directory);

  let pattern = fromFlags.pattern ?? input.stored?.pattern;
  if (pattern === undefined) {
    if (input.ask) pattern = await input.ask('pattern', { ...defaultAnswers(), name });
    else if (input.yes) pattern = answerSpecs.pattern.default;
    else throw usageError(`Missing --pattern (one of ${presetIds.join(', ')}, or 1-${presetIds.length}), or --yes for the default (api)`);
  }
  const preset = presetOf(pattern);
  // Copies: the answers are the user's to change, the preset table is not.
  const presetAnswers = structuredClone(preset.answers) as Partial<Answers>;
  const presetDefaults = structuredClone(preset.defaults) as Partial<Answers> | undefined;

  // Changing the pattern of an existing project (upgrade) means taking that preset's answers.
  const switchedPreset = input.stored !== undefined && input.stored.pattern !== pattern ? presetAnswers : {};
  const answers: Answers = { ...defaultAnswers(), ...presetDefaults, ...presetAnswers, ...input.stored, ...switchedPreset, ...fromFlags, name, pattern };

  if (input.ask) {
    for (const key of answerKeys) {
      if (key === 'name' || key === 'pattern' || key in fromFlags) continue;
      if (key in presetAnswers && !input.stored) continue;
      if (answerSpecs[key].appliesTo?.(answers) === false) continue;
      setAnswer(answers, key, await input.ask(key, answers));
    }
  }

  const checked = answersSchema.safeParse(answers);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const key = issue.path[0] as AnswerKey;
    throw usageError(`Invalid ${flagName(key)}: ${issue.message}`);
  }
  const problem = checkCombination(checked.data);
  if (problem) throw usageError(problem);

  return { answers: checked.data, directory: resolvePath(directory), warnings: answerWarnings(checked.data) };
}

/** Converts and validates each flag on its own, so the message names the one that is wrong. */
function parseFlags(flags: ResolveInput['flags']): Partial<Answers> {
  const parsed: Partial<Record<AnswerKey, unknown>> = {};
  for (const key of answerKeys) {
    const raw = flags[key];
    if (raw === undefined) continue;
    parsed[key] = parseAnswer(key, raw);
  }
  return parsed as Partial<Answers>;
}

/** One answer from its flag's string (or a prompt's text), or a usage error that says why not. */
export function parseAnswer<K extends AnswerKey>(key: K, raw: unknown): Answers[K] {
  const { fromFlag } = answerSpecs[key];
  const candidate = typeof raw === 'string' && fromFlag ? fromFlag(raw) : raw;
  const schema = answersSchema.shape[key] as unknown as z.ZodMiniType<Answers[K]>;
  const result = schema.safeParse(candidate);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // In a list, which entry is wrong; an object's own message says which part.
  const where = Array.isArray(candidate) && typeof issue.path[0] === 'number' ? ` (entry ${issue.path[0] + 1})` : '';
  throw usageError(`Invalid ${flagName(key)} ${JSON.stringify(raw)}: ${issue.message}${where}`);
}

function setAnswer<K extends AnswerKey>(answers: Answers, key: K, value: Answers[K]) {
  answers[key] = value;
}

/**
 * The project name defaults to the folder's name. A folder such as "../My App" is a fine
 * place, but not a fine name: say so and point at --name.
 */
function nameFromDirectory(directory: string): string {
  const candidate = basename(resolvePath(directory));
  const result = answersSchema.shape.name.safeParse(candidate);
  if (result.success) return result.data;
  throw usageError(
    `Invalid project name ${JSON.stringify(candidate)} (from the folder name): ${result.error.issues[0]!.message}; choose another folder or pass --name`,
  );
}
