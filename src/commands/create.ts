import { readFileSync } from 'node:fs';
import { join, relative, resolve as resolvePath } from 'node:path';
import { usageError } from '../errors.js';
import { nothingLeftToStop, pauseAfterWrite } from '../interrupt.js';
import { createLogger, type Logger } from '../log.js';
import { olderNodeNotice } from '../node-version.js';
import type { AnswerKey } from '../options/answers.js';
import { createCommand } from '../options/command-line.js';
import { detectPackageManager, type PackageManager, packageManagers } from '../options/package-manager.js';
import { inquirerAsk } from '../options/prompts.js';
import { resolveAnswers } from '../options/resolve.js';
import { confirmed, printReview } from '../options/review.js';
import { summaryOf } from '../options/summary.js';
import { buildPlan } from '../plan/build-plan.js';
import { addFile } from '../plan/tree.js';
import { shellWord } from '../shell-words.js';
import { listSteps } from '../steps/list-steps.js';
import { requirePackageManager } from '../steps/on-path.js';
import { runSteps, type StepResult } from '../steps/run-steps.js';
import { commandLine } from '../steps/step.js';
import { folderProblem } from '../write/folder-problem.js';
import { createManifest, manifestPath } from '../write/manifest.js';
import { recoverInterrupted } from '../write/recover.js';
import { checkTarget, diffTree, writeTree } from '../write/writer.js';

export interface CreateOptions {
  readonly directory?: string;
  readonly flags: Partial<Record<AnswerKey, unknown>>;
  readonly yes: boolean;
  readonly interactive: boolean;
  readonly dryRun: boolean;
  readonly json: boolean;
  readonly force: boolean;
  readonly install: boolean;
  readonly git: boolean;
  readonly packageManager?: PackageManager;
  readonly deploy: boolean;
  readonly profile?: string;
}

/** Orchestration only: resolve → plan → write (the dry-run sink or the disk sink) → steps → summary. */
export async function create(options: CreateOptions): Promise<void> {
  const log = createLogger({ json: options.json });
  // A folder named on the command line that cannot take the project is refused before any question.
  const named = options.directory ?? (typeof options.flags.name === 'string' ? options.flags.name : undefined);
  // A run killed part-way there is rolled back first (said, not silent): the folder is then as it was.
  const recover = (folder: string) => {
    for (const note of recoverInterrupted(folder, { dryRun: options.dryRun })) log.warn(note);
  };
  if (named !== undefined) {
    recover(resolvePath(named));
    checkTarget(resolvePath(named), { force: options.force });
  }
  const ask = options.interactive ? inquirerAsk() : undefined;
  if (options.deploy && !options.install) throw usageError('--deploy needs the dependencies installed: drop --no-install');
  if (options.profile !== undefined && !options.deploy) throw usageError('--profile is for --deploy: add --deploy, or drop --profile');
  const packageManager = options.packageManager ?? detectPackageManager();
  // An install with a package manager that is not there is refused before any question (a dry run only says so).
  if (options.install) {
    try {
      requirePackageManager(packageManager, { why: 'the project would be installed with it', skip: 'add --no-install' });
    } catch (error) {
      if (!options.dryRun) throw error;
      log.warn((error as Error).message);
    }
  }
  const { answers, directory, warnings } = await resolveAnswers({
    directory: options.directory,
    flags: options.flags,
    yes: options.yes,
    ask,
    directoryProblem: (folder) => folderProblem(folder, { force: options.force }),
  });
  if (named === undefined) recover(directory);
  for (const line of warnings) log.warn(line);
  checkTarget(directory, { force: options.force });

  const tree = buildPlan({ answers, packageManager });
  addFile(tree, manifestPath, createManifest(tree, answers, packageManager));
  // A folder where a file goes (or the reverse) is refused before a line is printed or a byte written.
  diffTree(tree, directory);

  const displayDir = relative(process.cwd(), directory) || '.';
  const command = createCommand({ directory: displayDir, answers, packageManager, run: repeatedRunFlags(options) });
  if (ask) {
    printReview(log, `About to create ${answers.name} in ${displayDir}:`, summaryOf(answers), command);
    if (!options.dryRun && !(await confirmed(ask, 'create', 'Create it?'))) {
      log.info('Nothing was written.');
      log.document({ dryRun: false, cancelled: true, directory, answers, command });
      return;
    }
  }
  const steps = listSteps({
    packageManager,
    install: options.install,
    git: options.git,
    displayDir,
    deploy: options.deploy ? { profile: options.profile, yes: options.yes } : undefined,
  });
  const nextSteps = nextStepsFor(displayDir, packageManager, options.install);

  if (options.dryRun) {
    const files = diffTree(tree, directory);
    log.info(`Dry run: would write ${files.length} files to ${displayDir} (nothing is written):`);
    for (const file of files) log.info(`  ${file.status.padEnd(9)} ${file.path}`);
    for (const step of steps) log.info(`  then run  ${commandLine(step)}`);
    log.document({ dryRun: true, directory, answers, command, files, steps: steps.map((s) => ({ title: s.title, command: commandLine(s), status: 'planned' })), nextSteps });
    return;
  }

  log.step(`Creating ${answers.name} (pattern ${answers.pattern}) in ${displayDir}`);
  const files = writeTree(tree, directory, { force: options.force });
  log.success(`Wrote ${files.filter((f) => f.status !== 'identical').length} files`);
  for (const file of files.filter((f) => f.status === 'overwrite')) log.warn(`Replaced ${file.path} (--force)`);
  // The project is whole from the final rename on: with no step left, a signal finds nothing to
  // stop, and the run ends as it would have (its summary, exit 0), not as an interrupted one.
  if (steps.length === 0) nothingLeftToStop();
  await pauseAfterWrite();

  // Said once, before the install (which may warn about the project's engines on its own).
  const notice = olderNodeNotice();
  if (notice) log.warn(notice);
  const results = await runSteps(steps, directory, log);
  nothingLeftToStop();
  const outputs = options.deploy ? readOutputs(directory) : undefined;
  printSummary(log, displayDir, nextSteps, results, outputs);
  log.document({
    dryRun: false,
    directory,
    answers,
    command,
    files,
    steps: results.map((r) => ({ title: r.step.title, command: commandLine(r.step), status: r.status, note: r.note })),
    ...(outputs ? { outputs } : {}),
    nextSteps,
  });
}

/** The run options the equivalent command repeats: they change what runs after writing, not what is written. */
function repeatedRunFlags(options: CreateOptions): string[] {
  return [
    ...(options.force ? ['--force'] : []),
    ...(options.install ? [] : ['--no-install']),
    ...(options.git ? [] : ['--no-git']),
    ...(options.deploy ? ['--deploy'] : []),
    ...(options.profile === undefined ? [] : ['--profile', options.profile]),
  ];
}

/** What to run next, in the project's package manager's words; `dev` first: the app on localhost, the one step that needs no AWS account. */
function nextStepsFor(displayDir: string, packageManager: PackageManager, installed: boolean): string[] {
  const pm = packageManagers[packageManager];
  return [
    ...(displayDir === '.' ? [] : [`cd ${shellWord(displayDir)}`]),
    ...(installed ? [] : [`${packageManager} install`]),
    `${pm.run} dev`,
    `${pm.run} test`,
    `${pm.run} synth`,
    `${pm.run} deploy`,
  ];
}

/** The stack outputs the project's deploy script wrote: site URL, API URL, user pool ids. */
function readOutputs(directory: string): Outputs {
  try {
    return JSON.parse(readFileSync(join(directory, 'cdk.out', 'outputs.json'), 'utf8')) as Outputs;
  } catch {
    return {};
  }
}

type Outputs = Record<string, Record<string, string>>;

function printSummary(log: Logger, displayDir: string, nextSteps: readonly string[], results: readonly StepResult[], outputs?: Outputs) {
  for (const result of results.filter((r) => r.status === 'skipped')) log.info(`  (skipped ${result.step.title.toLowerCase()}: ${result.note})`);
  if (outputs) {
    log.success('Deployed. Outputs:');
    for (const [stack, values] of Object.entries(outputs)) {
      for (const [key, value] of Object.entries(values)) log.info(`  ${stack} ${key}: ${log.style.bold(value)}`);
    }
  }
  log.success(`Done. Your project is in ${displayDir}`);
  log.info('\nNext steps:');
  for (const line of nextSteps) log.info(`  ${log.style.bold(line)}`);
}
