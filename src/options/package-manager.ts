/**
 * The package managers a project can be set up with, and how each spells its commands:
 * - `run`: a package.json script. Always `<pm> run`: `pnpm deploy` and `bun test` are
 *   commands of their own, not the scripts of those names.
 * - `args`: what goes between a script and its arguments. npm needs `--`; pnpm passes a
 *   `--` on to the script as an argument, yarn drops it with a warning, bun needs none.
 * - `exec`: a binary of the project's dependencies (`cdk`).
 * - `create`: this generator's latest version, fetched and run (yarn 1 has no `dlx`; its
 *   `create` fetches the latest version each time).
 * - `ci`: installs exactly what the lockfile says, failing if package.json disagrees with it.
 */
export const packageManagers = {
  npm: { install: ['install'], run: 'npm run', args: '-- ', exec: 'npx', create: 'npx create-serverless-pattern@latest', lockfile: 'package-lock.json', ci: 'npm ci' },
  pnpm: { install: ['install'], run: 'pnpm run', args: '', exec: 'pnpm exec', create: 'pnpm dlx create-serverless-pattern@latest', lockfile: 'pnpm-lock.yaml', ci: 'pnpm install --frozen-lockfile' },
  yarn: { install: ['install'], run: 'yarn run', args: '', exec: 'yarn', create: 'yarn create serverless-pattern', lockfile: 'yarn.lock', ci: 'yarn install --frozen-lockfile' },
  bun: { install: ['install'], run: 'bun run', args: '', exec: 'bunx', create: 'bunx create-serverless-pattern@latest', lockfile: 'bun.lock', ci: 'bun install --frozen-lockfile' },
} as const;

export type PackageManager = keyof typeof packageManagers;
export const packageManagerNames = Object.keys(packageManagers) as PackageManager[];

/**
 * The package manager that launched us, from npm_config_user_agent
 * ("pnpm/9.1.0 npm/? node/v20..."), so `pnpm create serverless-pattern` sets up with pnpm.
 */
export function detectPackageManager(userAgent = process.env.npm_config_user_agent ?? ''): PackageManager {
  const name = userAgent.split('/')[0];
  return packageManagerNames.find((pm) => pm === name) ?? 'npm';
}
