import { basename, resolve as resolvePath } from 'node:path';
import { usageError } from '../errors.js';
import { type AnswerKey, answerKeys, type Answers, answerSpecs, defaultAnswers, flagName } from './answers.js';
import { baselineAnswers } from './baseline.js';
import { askOne, interview } from './interview.js';
import { presetIds, presetOf } from './presets.js';
import type { Ask } from './question.js';
import { insteadOfEmpty, readAnswer } from './read-answer.js';
import { checkCombination } from './rules.js';
import { answersSchema } from './schema.js';
import { answerWarnings } from './warnings.js';

export type { Ask };

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
  /** Why a folder cannot take the project ("already has files in it"): checked as the name is typed, before any other question. */
  readonly directoryProblem?: (directory: string) => string | undefined;
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
    if (input.ask) directory = await askOne(input.ask, 'name', defaultAnswers(), folderCheck(input.directoryProblem));
    else if (input.yes) directory = answerSpecs.name.default;
    else throw usageError('Missing the project directory: create-serverless-pattern <directory> (or --yes for ./serverless-app)');
  }
  const name = fromFlags.name ?? input.stored?.name ?? nameFromDirectory(directory);

  let pattern = fromFlags.pattern ?? input.stored?.pattern;
  if (pattern === undefined) {
    if (input.ask) pattern = await askOne(input.ask, 'pattern', { ...defaultAnswers(), name });
    else if (input.yes) pattern = answerSpecs.pattern.default;
    else throw usageError(`Missing --pattern (one of ${presetIds.join(', ')}, or 1-${presetIds.length}), or --yes for the default (api)`);
  }
  const answers: Answers = { ...baselineAnswers(pattern, input.stored), ...fromFlags, name, pattern };

  if (input.ask) {
    await interview(input.ask, answers, { preset: presetOf(pattern), given: new Set(Object.keys(fromFlags) as AnswerKey[]), upgrading: input.stored !== undefined });
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

/** The typed name is also the folder: one that cannot take the project is refused right there. */
function folderCheck(directoryProblem: ResolveInput['directoryProblem']) {
  if (!directoryProblem) return undefined;
  return (text: string) => {
    const problem = directoryProblem(resolvePath(text));
    return problem && `${text} ${problem}: choose another name`;
  };
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

/** One answer from its flag's string, or a usage error that names the flag and says why not. */
export function parseAnswer<K extends AnswerKey>(key: K, raw: unknown): Answers[K] {
  if (typeof raw === 'string' && raw.trim() === '') throw usageError(`Invalid ${flagName(key)} ${JSON.stringify(raw)}: empty; ${insteadOfEmpty(key)}`);
  const read = readAnswer(key, raw);
  if (read.ok) return read.value;
  throw usageError(`Invalid ${flagName(key)} ${JSON.stringify(raw)}: ${read.problem}${read.where ? ` (${read.where})` : ''}`);
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
