import { contentHash } from '../write/manifest.js';
import type { GitRepo } from './git.js';

/**
 * The generator's own render, kept where the next upgrade finds it without the registry: a
 * commit on a hidden ref of the project's repository. Git history holds merged files only as
 * merged; this holds each file exactly as rendered, so a later upgrade merges three-way
 * against it even when no build of that version can be had. Not a branch: `git log`, `git
 * push` and clones leave it alone. Found by the manifest's hashes, so a commit made by a run
 * that then failed is harmless.
 */
export const baseRef = 'refs/create-serverless-pattern/base';

/** How many earlier renders to look through (each upgrade adds one). */
const maxRenders = 20;

export interface RenderedFile {
  readonly content: string;
  readonly mode?: number;
}

/** Adds a commit holding the project's files (under its folder in the repository), the others untouched. */
export async function storeBase(repo: GitRepo, files: ReadonlyMap<string, RenderedFile>, message: string): Promise<boolean> {
  const tip = await repo.run(['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`]);
  const data = (text: string | Buffer) => [`data ${Buffer.byteLength(text)}`, text];
  const chunks: (string | Buffer)[] = [
    `commit ${baseRef}`,
    `committer create-serverless-pattern <create-serverless-pattern@localhost> ${Math.floor(Date.now() / 1000)} +0000`,
    ...data(message),
    ...(tip.exitCode === 0 ? [`from ${tip.stdout.trim()}`] : []),
    repo.prefix === '' ? 'deleteall' : `D ${repo.prefix.replace(/\/$/, '')}`,
  ];
  for (const [path, file] of files) {
    chunks.push(`M ${file.mode !== undefined && file.mode & 0o111 ? '100755' : '100644'} inline ${repo.prefix}${path}`, ...data(file.content));
  }
  const stream = Buffer.concat(chunks.map((chunk) => Buffer.concat([Buffer.from(chunk), Buffer.from('\n')])));
  return (await repo.run(['fast-import', '--quiet', '--done'], Buffer.concat([stream, Buffer.from('done\n')]))).exitCode === 0;
}

/** For each wanted path, the stored render whose hash is the manifest's, newest first. */
export async function basesFromStore(repo: GitRepo, wanted: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (wanted.size === 0) return found;
  const commits = await repo.run(['rev-list', `--max-count=${maxRenders}`, baseRef, '--']);
  if (commits.exitCode !== 0) return found;
  for (const commit of commits.stdout.split('\n').filter(Boolean)) {
    const paths = [...wanted.keys()].filter((path) => !found.has(path));
    if (paths.length === 0) break;
    const blobs = await repo.blobs(paths.map((path) => `${commit}:${repo.prefix}${path}`));
    paths.forEach((path, index) => {
      const text = blobs[index]?.toString('utf8');
      if (text !== undefined && contentHash(text) === wanted.get(path)) found.set(path, text);
    });
  }
  return found;
}
