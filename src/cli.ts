import { Command, CommanderError, Option } from 'commander';
import { CliError, ExitCode, fromSystemError } from './errors.js';
import { type AnswerKey, answerKeys, answerSpecs } from './options/answers.js';
import { type PackageManager, packageManagerNames } from './options/package-manager.js';
import { presetIds, presetOf } from './options/presets.js';
import { generatorVersion } from './package-info.js';

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

/** Options of `upgrade`, beside the answer flags it shares with create. */
interface UpgradeFlags {
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
  allowDirty?: boolean;
  check?: boolean;
  baseFrom?: string;
  install?: boolean;
  interactive?: boolean;
  packageManager?: string;
  resolved?: string[];
}

type AnswerFlags = Partial<Record<AnswerKey, unknown>>;

/** Every answer of the answer table as a flag (booleans also get --no-<name>); shared by create and upgrade. */
function addAnswerOptions(command: Command): Command {
  for (const key of answerKeys) {
    const spec = answerSpecs[key];
    command.addOption(new Option(spec.flag, spec.description));
    if (typeof spec.default === 'boolean') command.addOption(new Option(`--no-${key}`, `Turn off --${key}`));
  }
  return command;
}

/** The answers the user gave as flags; the others stay undefined so lower layers apply. */
function givenAnswers(flags: AnswerFlags): AnswerFlags {
  return Object.fromEntries(answerKeys.filter((key) => flags[key] !== undefined).map((key) => [key, flags[key]]));
}

/** Prompts only in a terminal without CI, never with --yes; --interactive/--no-interactive decide otherwise. */
function isInteractive(flags: { interactive?: boolean; yes?: boolean }): boolean {
  const interactive = flags.interactive ?? (!flags.yes && Boolean(process.stdin.isTTY) && !process.env.CI);
  // A prompt without a terminal would read nothing and end as if Ctrl-C was pressed: say what is missing instead.
  // Asked for by name, a terminal is refused when missing even beside --yes: the two flags
  // contradict each other, and taking the defaults would write what nobody chose.
  if (interactive && !process.stdin.isTTY) {
    throw new CliError('--interactive needs a terminal, and stdin is not one: run it in a terminal, or give the answers as flags (--yes for the defaults)');
  }
  return interactive && !flags.yes;
}

function createProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('create-serverless-pattern')
    .description(`Scaffold a complete, deployable AWS serverless TypeScript project for one of ${presetIds.length} architecture patterns.`)
    .version(generatorVersion, '-v, --version')
    .argument('[directory]', 'where to create the project (its name defaults to the folder name)')
    .exitOverride()
    .configureOutput({ writeErr: () => {} })
    .showSuggestionAfterError(true)
    // Options after `upgrade` belong to upgrade, not to the create command.
    .enablePositionalOptions();

  addAnswerOptions(program);
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

  program.action(async (directory: string | undefined, flags: RunFlags & AnswerFlags) => {
    // Loaded only when a project is actually created: --help and --version never pay for
    // the planner, Handlebars, zod or chalk.
    const { create } = await import('./commands/create.js');
    await create({
      directory,
      flags: givenAnswers(flags),
      yes: flags.yes ?? false,
      interactive: isInteractive(flags),
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

  const upgradeCommand = addAnswerOptions(
    program
      .command('upgrade')
      .description('Regenerate an existing project with new answers or a newer generator, merging three-way so none of your edits is lost')
      .argument('[directory]', 'the project to upgrade (default: the current folder)'),
  );
  upgradeCommand
    .option('-y, --yes', 'Never prompt: apply the flags given and keep the stored answers for the rest')
    .option('--dry-run', 'Print the per-file plan and unified diffs; write nothing')
    .option('--check', 'Exit 0 when the project is at the latest templates for its answers, else 1 listing the files an upgrade would change; write nothing (for CI)')
    .option('--json', 'Print one JSON document on stdout (answers, per-file plan, conflicts); human output goes to stderr')
    .option('--allow-dirty', 'Run even when git reports uncommitted changes in the project')
    .option('--base-from <path>', 'The package folder of the generator version that made the project (instead of fetching it)')
    .option('--install', 'Run the install when dependencies changed (by default its command is printed)')
    .option('--resolved <file>', 'A file an earlier upgrade kept in conflict after the generator dropped it: you resolved it, stop listing it (repeatable)', (file: string, files: string[] = []) => [...files, file])
    .option('--package-manager <name>', `${packageManagerNames.join(' | ')} (default: the one stored in the project)`)
    .option('--interactive', 'Prompt even without a TTY')
    .option('--no-interactive', 'Never prompt, even in a terminal')
    .addHelpText('after', '\nExit codes: 0 done, 1 (--check) an upgrade would change files, 2 bad input or uncommitted changes, 3 conflicts left to resolve, 130 interrupted.')
    .action(async (directory: string | undefined, flags: UpgradeFlags & AnswerFlags) => {
      const { upgrade } = await import('./commands/upgrade.js');
      setExitCode(
        await upgrade({
          directory,
          flags: givenAnswers(flags),
          yes: flags.yes ?? false,
          interactive: isInteractive(flags),
          dryRun: flags.dryRun ?? false,
          json: flags.json ?? false,
          allowDirty: flags.allowDirty ?? false,
          baseFrom: flags.baseFrom,
          install: flags.install ?? false,
          packageManager: parsePackageManager(flags.packageManager),
          resolved: flags.resolved,
          check: flags.check ?? false,
        }),
      );
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
  const rows = presetIds.map((id) => presetOf(id)).map((preset) => `  ${String(preset.number)}  ${preset.id.padEnd(18)} ${preset.summary}`);
  return [
    '',
    'Presets (--pattern <name|number>):',
    ...rows,
    '',
    'Examples:',
    '  npx create-serverless-pattern my-app                       prompts for everything',
    '  npx create-serverless-pattern my-app --pattern api --yes   no prompts',
    '  npx create-serverless-pattern upgrade my-app --cache       regenerate with a new answer, keeping your edits',
    '',
    'Exit codes: 0 done, 1 a step failed, 2 bad input, 3 upgrade conflicts, 130 interrupted.',
  ].join('\n');
}

/** Runs the CLI and returns the exit code; every error becomes one line on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  let exitCode: number = ExitCode.ok;
  try {
    await createProgram((code) => {
      exitCode = code;
    }).parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return ExitCode.ok;
      // Commander's messages are sentences in lower case; ours start as they mean to (a path stays as it is).
      // Its suggestion for a mistyped flag joins the same line: every error is one line.
      const message = error.message.replace(/^error: /, '').replace(/\n\(Did you mean (.+)\?\)$/, ' (did you mean $1?)');
      return report(json, message.charAt(0).toUpperCase() + message.slice(1), ExitCode.usage);
    }
    if (error instanceof CliError) return report(json, error.message, error.exitCode, error.hints);
    if (error instanceof Error && error.name === 'ExitPromptError') return report(json, 'Interrupted; nothing was written.', ExitCode.interrupted);
    const system = fromSystemError(error);
    if (system) return report(json, system.message, system.exitCode);
    // A bug of ours: still one line (and one JSON document); the stack only on request.
    if (process.env.CREATE_SERVERLESS_PATTERN_DEBUG) process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return report(json, `Unexpected error: ${message}`, ExitCode.stepFailed, ['Run again with CREATE_SERVERLESS_PATTERN_DEBUG=1 for the stack trace, and report it.']);
  }
}

function report(json: boolean, line: string, exitCode: number, hints: readonly string[] = []): number {
  process.stderr.write(`error: ${line}\n${hints.map((hint) => `  ${hint}\n`).join('')}`);
  if (json) process.stdout.write(`${JSON.stringify({ error: { message: line, exitCode, hints } }, null, 2)}\n`);
  return exitCode;
}
