import type * as z from 'zod/mini';
import { type AnswerKey, type Answers, answerSpecs, flagName } from './answers.js';
import { noneWord } from './flag-values.js';
import { answersSchema } from './schema.js';

export type ReadAnswer<K extends AnswerKey> =
  | { readonly ok: true; readonly value: Answers[K] }
  | { readonly ok: false; readonly problem: string; readonly where?: string };

/**
 * One answer from a flag's string or a prompt's reply, through the same conversion and the
 * same schema either way: a flag and a prompt can never disagree about what is valid. The
 * problem is the schema's words, without the flag: a prompt shows it as it is, a flag's
 * message names the flag first (resolve.ts).
 */
export function readAnswer<K extends AnswerKey>(key: K, raw: unknown): ReadAnswer<K> {
  const spec = answerSpecs[key];
  // An empty string is "none" for an answer that may be left out (`--domain ''`, a blank reply).
  if (raw === '' && spec.default === undefined) return { ok: true, value: undefined as Answers[K] };
  const candidate = typeof raw === 'string' && spec.fromFlag ? spec.fromFlag(raw) : raw;
  const schema = answersSchema.shape[key] as unknown as z.ZodMiniType<Answers[K]>;
  const result = schema.safeParse(candidate);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  // In a list, which entry is wrong; an object's own message says which part.
  return { ok: false, problem: issue.message, ...(Array.isArray(candidate) && typeof issue.path[0] === 'number' ? { where: `entry ${issue.path[0] + 1}` } : {}) };
}

/**
 * What a flag takes instead of an empty value, which no flag accepts (one rule for all: an
 * empty value is a slip, such as an unset variable in a script, never a choice): the word
 * none where the answer can hold nothing, else a value or no flag at all.
 */
export function insteadOfEmpty(key: AnswerKey): string {
  const flag = flagName(key);
  // A choice among fixed values names them (zod knows an enum's values).
  const values = (answersSchema.shape[key] as unknown as { _zod: { values?: Set<string> } })._zod.values;
  // `none` means nothing only where it reads as nothing: a choice of that name, no domain, an
  // empty list; not a project or service that happens to be called none.
  const none = readAnswer(key, noneWord);
  if (none.ok && (none.value === undefined || (Array.isArray(none.value) && none.value.length === 0) || values?.has(noneWord))) return `for none, give ${flag} ${noneWord}`;
  return `${values ? `give one of ${[...values].join(', ')}` : 'give a value'}, or leave ${flag} out for the default`;
}
