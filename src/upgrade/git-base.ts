import { contentHash } from '../write/manifest.js';
import { decideFiles } from './decide.js';
import type { FileDecision, UpgradeInput } from './decision.js';

/**
 * The generated version of a file, found in the project's git history: the first commit
 * (usually "Initial commit from create-serverless-pattern", or the commit after the last
 * upgrade) holds each file exactly as the generator wrote it, and the manifest's hash tells
 * which blob that is. This recovers a base when no render of it can be had (a generator
 * version that is not published, templates changed without a version bump), file by file.
 */

/** How far back to look for each file: generated content sits in early commits or right after upgrades. */
const maxCommitsPerFile = 50;

export async function basesFromGit(dir: string, wanted: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (wanted.size === 0) return found;
  const { execa } = await import('execa');
  const git = (args: string[]) => execa('git', args, { cwd: dir, reject: false, stdin: 'ignore', stripFinalNewline: false });
  const inside = await git(['rev-parse', '--is-inside-work-tree']).catch(() => undefined);
  if (inside?.exitCode !== 0) return found;

  for (const [path, hash] of wanted) {
    const commits = await git(['rev-list', `--max-count=${maxCommitsPerFile}`, 'HEAD', '--', path]);
    if (commits.exitCode !== 0) continue;
    for (const commit of commits.stdout.split('\n').filter(Boolean)) {
      const blob = await git(['show', `${commit}:./${path}`]);
      if (blob.exitCode === 0 && contentHash(blob.stdout) === hash) {
        found.set(path, blob.stdout);
        break;
      }
    }
  }
  return found;
}

/**
 * Decides every file; where a file both sides changed has no trusted base, looks for its
 * generated version in git history and decides again with it, so it merges three-way
 * instead of conflicting on every difference.
 */
export async function decideWithGitHistory(dir: string, input: UpgradeInput): Promise<{ decisions: FileDecision[]; wanted: number; found: number }> {
  const first = decideFiles(input);
  const wanted = new Map(first.flatMap((d) => (d.missingBase ? [[d.path, d.missingBase] as const] : [])));
  const found = await basesFromGit(dir, wanted);
  if (found.size === 0) return { decisions: first, wanted: wanted.size, found: 0 };
  const base = new Map(input.base ?? []);
  for (const [path, content] of found) base.set(path, { content });
  return { decisions: decideFiles({ ...input, base }), wanted: wanted.size, found: found.size };
}
