import { parseArgs } from 'node:util';

export const deployCommands = ['deploy', 'diff', 'destroy', 'drift'] as const;
export type DeployCommand = (typeof deployCommands)[number];

export interface DeployArguments {
  /** Stacks named on the command line (by stack name or its last part); none: all of them. */
  readonly only: readonly string[];
  /** `--stage`: passed to the app as the context value `stage`; undefined leaves the app's own default. */
  readonly stage?: string;
  readonly profile?: string;
  /** `--yes`: bootstrap and approve without asking; destroy with `--force`. */
  readonly yes: boolean;
}

/** Bad usage (an unknown flag, a flag without its value): exit 2, before anything runs. */
export class UsageError extends Error {}

export function usage(command: DeployCommand): string {
  return `serverless-pattern ${command} [stack...] [--stage name] [--profile name] [--yes]`;
}

export function parseDeployArguments(command: DeployCommand, args: readonly string[]): DeployArguments {
  let parsed;
  try {
    parsed = parseArgs({
      // pnpm passes a `--` on to the script (npm and yarn drop it): it separates nothing here.
      args: args.filter((arg) => arg !== '--'),
      allowPositionals: true,
      options: { stage: { type: 'string' }, profile: { type: 'string' }, yes: { type: 'boolean', short: 'y', default: false } },
    });
  } catch (error) {
    // Node's own message, without its advice about `--` (which this command drops).
    const reason = (error instanceof Error ? error.message : String(error)).split('. ')[0]!.replace(/\.$/, '');
    throw new UsageError(`${reason}: usage: ${usage(command)}`);
  }
  const { values, positionals } = parsed;
  for (const flag of ['stage', 'profile'] as const) {
    if (values[flag] === '') throw new UsageError(`--${flag} needs a name: usage: ${usage(command)}`);
  }
  return { only: positionals, stage: values.stage, profile: values.profile, yes: values.yes };
}
