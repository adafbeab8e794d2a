/** The package managers a project can be set up with, and how each spells its commands. */
export const packageManagers = {
  npm: { install: ['install'], run: 'npm run', exec: 'npx', lockfile: 'package-lock.json' },
  pnpm: { install: ['install'], run: 'pnpm', exec: 'pnpm exec', lockfile: 'pnpm-lock.yaml' },
  yarn: { install: ['install'], run: 'yarn', exec: 'yarn', lockfile: 'yarn.lock' },
  bun: { install: ['install'], run: 'bun run', exec: 'bunx', lockfile: 'bun.lock' },
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
