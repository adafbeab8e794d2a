import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ExitCode } from '../errors.js';
import { nothingLeftToStop } from '../interrupt.js';
import { createLogger } from '../log.js';
import { olderNodeNotice } from '../node-version.js';
import type { AnswerKey } from '../options/answers.js';
import { upgradeCommand } from '../options/command-line.js';
import { type PackageManager, packageManagers } from '../options/package-manager.js';
import { inquirerAsk } from '../options/prompts.js';
import { resolveAnswers } from '../options/resolve.js';
import { confirmed, printReview } from '../options/review.js';
import { summaryOf } from '../options/summary.js';
import { generatorVersion } from '../package-info.js';
import { buildPlan } from '../plan/build-plan.js';
import { shellWord } from '../shell-words.js';
import { runSteps } from '../steps/run-steps.js';
import { requirePackageManager } from '../steps/on-path.js';
import { commandLine } from '../steps/step.js';
import { applyDecisions, changesFiles, previewDecisions, recordedRender } from '../upgrade/apply.js';
import type { FileDecision } from '../upgrade/decision.js';
import { renderBase } from '../upgrade/base-render.js';
import { decideWithBases } from '../upgrade/bases.js';
import { pathsToRead } from '../upgrade/decide.js';
import { refuseUncommitted } from '../upgrade/git-status.js';
import { openRepo } from '../upgrade/git.js';
import { installStep } from '../upgrade/install.js';
import { keptConflicts, resolvedConflicts } from '../upgrade/kept-conflicts.js';
import { openProject, readDisk, unresolvedFiles } from '../upgrade/project.js';
import { answerChanges, baseNotes, conflictReport, diffText, fileEntries, foundNotes, printDecisions, summary } from '../upgrade/report.js';
import { storeBase } from '../upgrade/stored-base.js';
import { type TypeCheck, typeCheck } from '../upgrade/typecheck.js';
import { createManifest, manifestPath } from '../write/manifest.js';
import { recoverInterrupted } from '../write/recover.js';

export interface UpgradeOptions {
  /** The project folder (default: the current one). */
  readonly directory?: string;
  readonly flags: Partial<Record<AnswerKey, unknown>>;
  readonly yes: boolean;
  readonly interactive: boolean;
  readonly dryRun: boolean;
  readonly json: boolean;
  readonly allowDirty: boolean;
  /** The package folder of the generator version that made the project. */
  readonly baseFrom?: string;
  /** Where published generator versions are cached. */
  readonly cacheDir?: string;
  readonly packageManager?: PackageManager;
  /** Run the install when dependencies changed (otherwise its command is printed). */
  readonly install: boolean;
  /** Files an earlier upgrade kept in conflict (modify/delete) that the user says are resolved. */
  readonly resolved?: readonly string[];
  /** Only say whether the project is at the latest templates for its answers (as `cruft check`): exit 0, or 1 with the files an upgrade would change; write nothing. */
  readonly check?: boolean;
}

/**
 * Orchestration only: project → answers → base and target renders → per-file decisions →
 * the dry-run sink or the disk sink (manifest last) → install. Returns the exit code: 0, or 3
 * when conflicts are left.
 */
export async function upgrade(options: UpgradeOptions): Promise<number> {
  const log = createLogger({ json: options.json });
  // --check writes nothing, as a dry run does, and asks nothing: it runs in CI.
  const writes = !options.dryRun && !options.check;
  // A run killed part-way is rolled back (or finished) first: what follows reads a whole project.
  for (const note of recoverInterrupted(resolve(options.directory ?? '.'), { dryRun: !writes })) log.warn(note);
  const { directory, displayDir, manifest } = openProject(options.directory);
  const resolved = resolvedConflicts(options.resolved ?? [], manifest.conflicts ?? []);
  if (writes && !options.allowDirty) await refuseUncommitted(directory, displayDir);
  const repo = await openRepo(directory);

  const ask = options.interactive && !options.check ? inquirerAsk() : undefined;
  const { answers, warnings } = await resolveAnswers({ directory, flags: options.flags, stored: manifest.answers, yes: options.yes, ask });
  for (const line of warnings) log.warn(line);
  const packageManager = options.packageManager ?? manifest.packageManager;
  const target = buildPlan({ answers, packageManager });
  const base = await renderBase(manifest, { baseFrom: options.baseFrom, cacheDir: options.cacheDir });
  log.step(`Upgrading ${displayDir}: generator ${manifest.generator.version} → ${generatorVersion}, base from ${base.source}`);
  for (const line of baseNotes(base)) log.warn(line);

  const disk = readDisk(directory, pathsToRead(manifest.files, target));
  const unresolved = unresolvedFiles(directory, disk);
  for (const path of unresolved) log.warn(`${path} still has conflict markers from an earlier upgrade; resolve them too`);
  const { decisions, found } = await decideWithBases(repo, { manifestHashes: manifest.files, base: base.tree, target, disk });
  for (const line of foundNotes(found)) log.info(`  ${line}`);
  const kept = keptConflicts({ listed: manifest.conflicts ?? [], resolved, present: (path) => isFile(join(directory, path)), target, decisions });
  for (const path of kept.still) log.warn(`${path} is still in conflict from an earlier upgrade: the generator no longer writes it, and you kept it; delete it, or mark it resolved: upgrade --resolved ${path}`);
  for (const path of resolved) log.info(`  Marked ${path} resolved: it is yours now.`);
  if (options.check) return checkOnly(log, decisions);

  const changed = answerChanges(manifest.answers, answers);
  const command = upgradeCommand({ directory: displayDir, stored: manifest.answers, answers, packageManager: options.packageManager });
  // In a terminal, the same summary as create's with the changes marked, before the plan.
  if (ask) printReview(log, `About to upgrade ${displayDir === '.' ? 'this project' : displayDir} with these answers${changed.length > 0 ? ' (changes marked)' : ', as before'}:`, summaryOf(answers, manifest.answers), command);
  const conflicts = decisions.filter((d) => d.status === 'conflict');
  const install = installStep(decisions, packageManager, displayDir);
  for (const line of changed) log.info(`  ${line}`);
  // Read as the write would find it, and refused (a folder, a link) before anything is printed or written.
  const preview = previewDecisions(directory, decisions);
  printDecisions(log, decisions);
  const diffs = options.dryRun ? preview : undefined;
  const document = {
    dryRun: options.dryRun,
    directory,
    generator: { from: manifest.generator.version, to: generatorVersion },
    base: { source: base.source, ...(base.problem ? { problem: base.problem } : {}), ...(base.reproduces ? { reproduces: base.reproduces } : {}) },
    answers: { from: manifest.answers, to: answers, changed },
    command,
    files: fileEntries(decisions, diffs),
    conflicts: conflicts.map((d) => d.path),
    unresolved: [...unresolved, ...kept.still],
    install: install ? { command: commandLine(install), ran: false } : undefined,
    typecheck: undefined as TypeCheck | undefined,
  };
  const exitCode = conflicts.length + unresolved.length + kept.still.length > 0 ? ExitCode.conflicts : ExitCode.ok;

  if (diffs) {
    for (const change of diffs.values()) log.info(diffText(change));
    log.info(`Dry run: nothing was written.${install ? ` Dependencies would change: ${commandLine(install)} afterwards.` : ''}`);
    log.document(document);
    return ExitCode.ok;
  }

  // `--install` with a package manager that is not there is refused before a file changes.
  if (install && options.install) requirePackageManager(packageManager, { why: 'upgrade --install would install with it', skip: 'drop --install' });
  const recorded = recordedRender(target, decisions);
  const newManifest = createManifest(recorded, answers, packageManager, kept.record);
  if (!decisions.some(changesFiles) && readFileSync(join(directory, manifestPath), 'utf8') === newManifest) {
    // Not "up to date" while a conflict is left: the exit code and the report below say so too.
    if (exitCode === ExitCode.ok) log.success('Already up to date: nothing to change.');
    else log.info('Nothing to change, but conflicts of an earlier upgrade are still to resolve:');
    log.document(document);
    if (exitCode !== ExitCode.ok) process.stderr.write(conflictReport(conflicts, unresolved, kept.still));
    return exitCode;
  }
  if (ask && !(await confirmed(ask, 'apply', 'Apply these changes?'))) {
    log.info('Nothing was changed.');
    log.document({ ...document, applied: false });
    return ExitCode.ok;
  }
  // The pristine render, for the next upgrade's base; before the write, so a run stopped after it still leaves it.
  if (repo) await storeBase(repo, recorded, `create-serverless-pattern ${generatorVersion}: ${answers.name}`);
  applyDecisions(directory, decisions, newManifest);
  const notice = olderNodeNotice();
  if (notice) log.warn(notice);
  log.success(`Upgraded ${displayDir}: ${summary(decisions)}`);

  const installed = install !== undefined && options.install;
  if (installed) {
    await runSteps([install], directory, log);
    document.install = { command: commandLine(install), ran: true };
  }
  document.typecheck = await typeCheck(directory, log, { installPending: install !== undefined && !installed });
  // Written, installed and checked: only the report is left, and a signal no longer stops it.
  nothingLeftToStop();
  const nextSteps = [
    ...(displayDir === '.' ? [] : [`cd ${shellWord(displayDir)}`]),
    ...(exitCode !== ExitCode.ok ? [`resolve the conflicts in ${[...new Set([...conflicts.map((d) => d.path), ...unresolved, ...kept.still])].join(', ')}`] : []),
    ...(install && !installed ? [commandLine(install)] : []),
    `${packageManagers[packageManager].run} test`,
    `${packageManagers[packageManager].run} synth`,
  ];
  if (install && !installed) log.info(`Dependencies changed: run ${log.style.bold(commandLine(install))} (or upgrade with --install).`);
  log.info('\nNext steps:');
  for (const line of nextSteps) log.info(`  ${log.style.bold(line)}`);
  log.document({ ...document, nextSteps });
  if (exitCode !== ExitCode.ok) process.stderr.write(conflictReport(conflicts, unresolved, kept.still));
  return exitCode;
}

/** `upgrade --check`: 0 when an upgrade would change no file, else 1 and the files it would change. */
function checkOnly(log: ReturnType<typeof createLogger>, decisions: readonly FileDecision[]): number {
  const files = decisions.filter(changesFiles).map((decision) => decision.path);
  if (files.length === 0) {
    log.success(`Up to date: generator ${generatorVersion} changes no file for these answers.`);
  } else {
    log.info(`Generator ${generatorVersion} has newer templates: an upgrade would change ${files.length} file${files.length > 1 ? 's' : ''}:`);
    for (const path of files) log.info(`  ${path}`);
  }
  log.document({ check: true, upToDate: files.length === 0, generator: generatorVersion, files });
  return files.length === 0 ? ExitCode.ok : ExitCode.stepFailed;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
