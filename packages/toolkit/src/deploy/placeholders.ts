import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';

/**
 * A value the app's author has still to fill in (a hosted zone id, an issuer's address) is
 * written as `REPLACE_WITH_<WHAT>`: deploying it would fail half-way through, after other
 * stacks have changed. Read from the synthesized templates, so that only placeholders the
 * stacks to deploy actually use count, wherever in the app's code they were written.
 */
const placeholder = /REPLACE_WITH_\w+/g;

/** Each placeholder in the stacks' templates, with the stacks it is in (in the stacks' order). */
export function placeholdersIn(stacks: readonly CloudFormationStackArtifact[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const stack of stacks) {
    for (const name of new Set(JSON.stringify(stack.template).match(placeholder))) found.set(name, [...(found.get(name) ?? []), stack.stackName]);
  }
  return found;
}

/** The one-line refusal that names each placeholder and where it is; undefined when there are none. */
export function placeholderError(found: ReadonlyMap<string, readonly string[]>): string | undefined {
  if (found.size === 0) return undefined;
  const each = [...found].map(([name, stacks]) => `${name} (in ${stacks.join(', ')})`).join(', ');
  return `The app still has ${each}: fill in the real value${found.size > 1 ? 's' : ''} first`;
}
