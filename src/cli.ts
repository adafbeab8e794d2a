import { Command, CommanderError, Option } from 'commander';
import { create } from './commands/create.js';
import { CliError, ExitCode } from './errors.js';
import { type AnswerKey, answerKeys, answerSpecs, presetIds } from './options/answers.js';
import { presets } from './options/presets.js';
import { generatorVersion } from './package-info.js';
import { type PackageManager, packageManagerNames } from './steps/package-manager.js';

/** Run options: how to run, never stored as answers. */
interface RunFlags {
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
  force?: boolean;
  install: boolean;
  git: boolean;
  interactive?: boolean;
  packageManager?: string;
  deploy?: boolean;
  profile?: string;
}

function createProgram(): Command {
  const program = new Command('create-serverless-pattern')
    .description('Scaffold a complete, deployable AWS serverless TypeScript project for one of seven architecture patterns.')
    .version(generatorVersion, '-v, --version')
    .argument('[directory]', 'where to create the project (its name defaults to the folder name)')
    .exitOverride()
    .configureOutput({ writeErr: () => {} })
    .showSuggestionAfterError(true);

  for (const key of answerKeys) {
    const spec = answerSpecs[key];
    program.addOption(new Option(spec.flag, spec.description));
    if (typeof spec.default === 'boolean') program.addOption(new Option(`--no-${key}`, `Turn off --${key}`));
  }

  program
    .option('-y, --yes', 'Never prompt: take the defaults for every answer not given')
    .option('--dry-run', 'Print the files and steps it would write and run; write nothing')
    .option('--json', 'Print one JSON document on stdout (files, steps, next steps); human output goes to stderr')
    .option('--force', 'Write into a non-empty folder, replacing same-named files (nothing is deleted)')
    .option('--no-install', 'Skip installing dependencies')
    .option('--no-git', 'Skip git init and the first commit')
    .option('--package-manager <name>', `${packageManagerNames.join(' | ')} (default: the one that ran this)`)
    .option('--deploy', 'After installing, deploy: checks credentials and bootstrap first, prints the outputs')
    .option('--profile <name>', 'AWS profile for --deploy (default: AWS_PROFILE or the default credentials)')
    .option('--interactive', 'Prompt even without a TTY')
    .option('--no-interactive', 'Never prompt, even in a terminal')
    .addHelpText('after', presetHelp());

  program.action(async (directory: string | undefined, flags: RunFlags & Partial<Record<AnswerKey, unknown>>) => {
    const interactive = flags.interactive ?? (!flags.yes && Boolean(process.stdin.isTTY) && !process.env.CI);
    await create({
      directory,
      flags: Object.fromEntries(answerKeys.filter((key) => flags[key] !== undefined).map((key) => [key, flags[key]])),
      yes: flags.yes ?? false,
      interactive: interactive && !flags.yes,
      dryRun: flags.dryRun ?? false,
      json: flags.json ?? false,
      force: flags.force ?? false,
      install: flags.install,
      git: flags.git,
      packageManager: parsePackageManager(flags.packageManager),
      deploy: flags.deploy ?? false,
      profile: flags.profile,
    });
  });
  return program;
}

function parsePackageManager(raw: string | undefined): PackageManager | undefined {
  if (raw === undefined) return undefined;
  const found = packageManagerNames.find((name) => name === raw);
  if (!found) throw new CliError(`Invalid --package-manager ${JSON.stringify(raw)}: must be one of ${packageManagerNames.join(', ')}`);
  return found;
}

function presetHelp(): string {
  const rows = presetIds.map((id) => `  ${String(presets[id].number)}  ${id.padEnd(18)} ${presets[id].summary}`);
  return [
    '',
    'Presets (--pattern <name|number>):',
    ...rows,
    '',
    'Examples:',
    '  npx create-serverless-pattern my-app                       prompts for everything',
    '  npx create-serverless-pattern my-app --pattern api --yes   no prompts',
    '',
    'Exit codes: 0 done, 1 a step failed, 2 bad input, 3 upgrade conflicts, 130 interrupted.',
  ].join('\n');
}

/** Runs the CLI and returns the exit code; every error becomes one line on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  try {
    await createProgram().parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return ExitCode.ok;
      return report(json, error.message.replace(/^error: /, ''), ExitCode.usage);
    }
    if (error instanceof CliError) return report(json, error.message, error.exitCode, error.hints);
    if (error instanceof Error && error.name === 'ExitPromptError') return report(json, 'Interrupted; nothing was written.', ExitCode.interrupted);
    throw error;
  }
}

function report(json: boolean, message: string, exitCode: number, hints: readonly string[] = []): number {
  const line = message.charAt(0).toUpperCase() + message.slice(1);
  process.stderr.write(`error: ${line}\n${hints.map((hint) => `  ${hint}\n`).join('')}`);
  if (json) process.stdout.write(`${JSON.stringify({ error: { message: line, exitCode, hints } }, null, 2)}\n`);
  return exitCode;
}
