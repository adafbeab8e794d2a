import type * as z from 'zod/mini';
import { type AnswerKey, type Answers, answerSpecs } from './answers.js';
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
