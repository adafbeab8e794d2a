import { stackResources } from './account.js';
import type { Checked } from './bootstrap.js';
import type { KeptResource, Where } from './kept-resources.js';

/** A resource destroy keeps, by its physical id, and where it lives. */
export interface Found {
  readonly resource: KeptResource;
  readonly id: string;
  readonly where: Where;
}

/**
 * The physical id of each kept resource that exists, read before the stacks (and with them
 * CloudFormation's record of those ids) are gone.
 */
export async function physicalIds(checked: readonly Pick<Checked, 'group' | 'target'>[], kept: readonly KeptResource[]): Promise<Found[]> {
  const found: Found[] = [];
  for (const { group, target } of checked) {
    const where = { region: target.region, profile: group.profile };
    for (const stack of group.stacks) {
      const ids = await stackResources(target, stack);
      for (const resource of kept.filter((candidate) => candidate.stack === stack)) {
        const id = ids.get(resource.logicalId);
        if (id) found.push({ resource, id, where });
      }
    }
  }
  return found;
}

/** Prints what the deleted stacks kept, each with the command that deletes it. */
export async function reportKept(checked: readonly Pick<Checked, 'group' | 'target'>[], keptIds: readonly Found[]) {
  const gone = new Set<string>();
  for (const { group, target } of checked) {
    for (const stack of group.stacks) if ((await stackResources(target, stack).catch(() => undefined))?.size === 0) gone.add(stack);
  }
  const kept = keptIds.filter(({ resource }) => gone.has(resource.stack));
  if (kept.length === 0) return;
  console.log('\nKept (delete each when you no longer need it):');
  for (const { resource, id, where } of kept) console.log(`  ${resource.what}${resource.note ? ` (${resource.note})` : ''}\n    ${resource.command(id, where)}`);
}
