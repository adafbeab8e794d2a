import type { FileTree } from '../plan/tree.js';
import { decideFiles } from './decide.js';
import type { BaseSource, FileDecision, UpgradeInput } from './decision.js';
import { basesFromGit } from './git-base.js';
import type { GitRepo } from './git.js';
import { basesFromStore } from './stored-base.js';

/**
 * The base of each file both sides changed, from the first place that has it as the
 * generator wrote it (its hash is the manifest's): the render of that version, then the
 * renders stored by earlier runs (stored-base.ts), then git history. Where none has it,
 * the file merges two-way, and its decision says so.
 */
export async function decideWithBases(repo: GitRepo | undefined, input: UpgradeInput): Promise<{ decisions: FileDecision[]; found: ReadonlyMap<BaseSource, number> }> {
  const sources = new Map<string, BaseSource>([...(input.base ?? new Map()).keys()].map((path) => [path, 'render']));
  let decisions = decideFiles({ ...input, baseSources: sources });
  const base: FileTree = new Map(input.base ?? []);
  const found = new Map<BaseSource, number>();
  const lookups = [
    ['stored', basesFromStore],
    ['history', basesFromGit],
  ] as const;
  for (const [source, lookup] of lookups) {
    const wanted = new Map(decisions.flatMap((d) => (d.missingBase ? [[d.path, d.missingBase] as const] : [])));
    if (!repo || wanted.size === 0) break;
    const more = await lookup(repo, wanted);
    if (more.size === 0) continue;
    for (const [path, content] of more) {
      base.set(path, { content });
      sources.set(path, source);
    }
    found.set(source, more.size);
    decisions = decideFiles({ ...input, base, baseSources: sources });
  }
  return { decisions, found };
}
