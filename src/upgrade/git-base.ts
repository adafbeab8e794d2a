import { contentHash } from '../write/manifest.js';
import type { GitRepo } from './git.js';

/**
 * The generated version of a file, found in the project's git history: the first commit
 * (usually "Initial commit from create-serverless-pattern") holds each file exactly as the
 * generator wrote it, and the manifest's hash tells which blob that is. This recovers a base
 * when no render of it can be had (a generator version that is not published, templates
 * changed without a version bump), file by file.
 */

/** How far back to look for each file: generated content sits in early commits. */
const maxCommitsPerFile = 50;

export async function basesFromGit(repo: GitRepo, wanted: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const [path, hash] of wanted) {
    const commits = await repo.run(['rev-list', `--max-count=${maxCommitsPerFile}`, 'HEAD', '--', path]);
    if (commits.exitCode !== 0) continue;
    const list = commits.stdout.split('\n').filter(Boolean);
    const blobs = await repo.blobs(list.map((commit) => `${commit}:${repo.prefix}${path}`));
    const match = blobs.find((blob) => blob !== undefined && contentHash(blob.toString('utf8')) === hash);
    if (match) found.set(path, match.toString('utf8'));
  }
  return found;
}
