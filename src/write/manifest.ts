import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { usageError } from '../errors.js';
import { defaultAnswers } from '../options/answers.js';
import { type PackageManager, packageManagerNames } from '../options/package-manager.js';
import { type Answers, answersSchema } from '../options/schema.js';
import { generatorVersion } from '../package-info.js';
import { type FileTree, sortedPaths } from '../plan/tree.js';

/** Written into every generated project; what makes a later upgrade possible. */
export const manifestPath = '.serverless-pattern.json';

const manifestSchema = z.object({
  generator: z.object({ name: z.literal('create-serverless-pattern'), version: z.string() }),
  answers: answersSchema,
  packageManager: z.enum(packageManagerNames as [PackageManager, ...PackageManager[]]),
  /** sha256 of each file as rendered, with LF line endings. */
  files: z.record(z.string(), z.string().check(z.regex(/^[0-9a-f]{64}$/))),
  /**
   * Files an upgrade kept as yours although the generator no longer writes them (modify/delete
   * conflicts): nothing in such a file marks it, so the manifest does, until you delete it or
   * mark it resolved (upgrade/kept-conflicts.ts). Absent when there are none.
   */
  conflicts: z.optional(z.array(z.string())),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** Hash of a file's text with line endings normalized, so a CRLF checkout still matches. */
export function contentHash(content: string): string {
  return createHash('sha256').update(content.replaceAll('\r\n', '\n')).digest('hex');
}

/**
 * The same hash computed from raw bytes, so a binary file, which is not valid UTF-8, is
 * hashed as it is rather than mangled by decoding.
 */
export function bytesHash(bytes: Buffer): string {
  const hash = createHash('sha256');
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      hash.update(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  hash.update(bytes.subarray(start));
  return hash.digest('hex');
}

export function createManifest(tree: FileTree, answers: Answers, packageManager: PackageManager, conflicts: readonly string[] = []): string {
  const manifest: Manifest = {
    generator: { name: 'create-serverless-pattern', version: generatorVersion },
    answers,
    packageManager,
    files: Object.fromEntries(sortedPaths(tree).map((path) => [path, contentHash(tree.get(path)!.content)])),
    ...(conflicts.length > 0 ? { conflicts: [...conflicts].sort() } : {}),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function readManifest(projectDir: string): Manifest {
  const path = join(projectDir, manifestPath);
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw usageError(`No ${manifestPath} in ${projectDir}: not a project made by create-serverless-pattern`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw usageError(`${path} is not valid JSON (${(error as Error).message})`);
  }
  const result = manifestSchema.safeParse(withNewAnswers(json));
  if (!result.success) throw usageError(`${path} is not valid: ${result.error.issues[0]!.message}`);
  // Upgrade writes and deletes these paths: none may point outside the project's own files.
  for (const file of [...Object.keys(result.data.files), ...(result.data.conflicts ?? [])]) {
    const problem = pathProblem(file);
    if (problem) throw usageError(`${path} is not valid: ${JSON.stringify(file)} ${problem}`);
  }
  return result.data;
}

/**
 * A project made before an answer existed (--waf) stored no value for it: it takes the
 * answer's default, which is what that older generator rendered (a new answer starts off).
 */
function withNewAnswers(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || !('answers' in json)) return json;
  const { answers } = json as { answers: unknown };
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return json;
  return { ...json, answers: { ...defaultAnswers(), ...answers } };
}

/** Folders no generated file lives in: git's own data, installed packages. Matched in any case (macOS, Windows). */
const notOurs = ['.git', 'node_modules'] as const;

/** Why a manifest path is not one of the project's generated files, or undefined when it is. */
function pathProblem(path: string): string | undefined {
  const parts = path.split('/');
  if (path.includes('\\') || parts.some((part) => part === '' || part === '.' || part === '..')) return 'is not a path inside the project';
  const folder = parts.find((part) => (notOurs as readonly string[]).includes(part.toLowerCase()));
  if (folder) return `is in ${folder}, which holds no generated file`;
  return undefined;
}
