import type { PackageManager } from '../options/package-manager.js';
import type { Answers } from '../options/schema.js';

/**
 * The actions the generated workflows use, each pinned to the full commit SHA of a release
 * (a tag can be moved; a commit cannot), with that release in a comment for Dependabot and
 * for people. Bump here: every workflow follows, and Dependabot keeps projects current.
 */
export const githubActions = {
  checkout: { repository: 'actions/checkout', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', version: 'v7.0.1' },
  setupNode: { repository: 'actions/setup-node', sha: '820762786026740c76f36085b0efc47a31fe5020', version: 'v7.0.0' },
  awsCredentials: { repository: 'aws-actions/configure-aws-credentials', sha: 'e6de054238d6b7531b4efff3b6587d9aade6a06c', version: 'v6.2.3' },
  setupPnpm: { repository: 'pnpm/action-setup', sha: 'fe02b34f77f8bc703788d5817da081398fad5dd2', version: 'v4.0.0' },
  setupBun: { repository: 'oven-sh/setup-bun', sha: '0c5077e51419868618aeaa5fe8019c62421857d6', version: 'v2.2.0' },
} as const;

/** What the workflows install: Node, pnpm, bun (npm comes with Node, yarn 1 with GitHub's runners) and cfn-lint (with pipx). */
export const workflowTools = { node: '24', pnpm: '12.21.0', bun: '1.4.5', cfnLint: '1.51.0' } as const;

/** `owner/name@<sha> # <version>`: what a step's `uses:` says. */
const uses = ({ repository, sha, version }: { repository: string; sha: string; version: string }) => `${repository}@${sha} # ${version}`;

/** The stages deploy.yml deploys, in order: infra/config.ts's dev, then prod once dev succeeded. */
const deployedStages = [
  { name: 'dev', needs: undefined },
  { name: 'prod', needs: 'dev' },
] as const;

/** A GitHub expression, written out whole so that templates never nest Handlebars inside one. */
const expression = (text: string) => `\${{ ${text} }}`;

/**
 * The roles a deploy job assumes, as `ci:role` names its outputs: one (its outputs `role`,
 * `region`, `profile`), or one per service account (`<service>-role`, ...), each into the
 * profile `deploy` uses for that service.
 */
function credentialSteps(serviceAccounts: Answers['serviceAccounts']) {
  const entries = serviceAccounts.length > 0 ? serviceAccounts.map(({ service, account }) => ({ label: ` for ${service} (${account})`, prefix: `${service}-` })) : [{ label: '', prefix: '' }];
  return entries.map(({ label, prefix }) => ({
    label,
    role: expression(`steps.role.outputs.${prefix}role`),
    region: expression(`steps.role.outputs.${prefix}region`),
    profile: expression(`steps.role.outputs.${prefix}profile`),
  }));
}

/** What the workflow templates see: each action's `uses:`, how the package manager is set up and installs, the stages and roles. */
export function workflowContext(packageManager: PackageManager, answers: Answers) {
  return {
    stages: deployedStages,
    credentials: credentialSteps(answers.serviceAccounts),
    uses: Object.fromEntries(Object.entries(githubActions).map(([name, action]) => [name, uses(action)])) as Record<keyof typeof githubActions, string>,
    tools: workflowTools,
    // setup-node caches the package manager's store, keyed by its lockfile; bun caches nothing there.
    nodeCache: packageManager === 'bun' ? undefined : packageManager,
    pnpm: packageManager === 'pnpm',
    bun: packageManager === 'bun',
  };
}
