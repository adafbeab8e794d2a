import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError, ExitCode } from '../errors.js';
import { finish, isCommitted, journalPattern, readJournal, undo } from './journal.js';
import { stagingName } from './transaction.js';

/**
 * What an earlier run that was killed outright (SIGKILL, a power cut) left behind, put right
 * before anything else is read: a journal in the folder is rolled back, or finished when it
 * was committed; a staging folder of a new project beside it is removed. Returns what it
 * did, one line each, for the user to read. A dry run only says what a real run would do.
 */
export function recoverInterrupted(root: string, { dryRun = false } = {}): string[] {
  const notes: string[] = [];
  for (const { pid, path } of journalsIn(root)) {
    refuseIfRunning(pid, root);
    const entries = readJournal(path);
    const files = entries.filter((entry) => !('commit' in entry)).length;
    const committed = isCommitted(entries);
    if (dryRun) {
      notes.push(`An earlier run (pid ${pid}) was interrupted while writing ${root}: a real run first ${committed ? 'finishes' : 'rolls back'} its ${files} file change(s)`);
      continue;
    }
    const problems = committed ? finish(root, entries, pid) : undo(root, entries, pid);
    if (problems.length > 0) {
      throw new CliError(`Could not recover from an interrupted run (pid ${pid}): ${problems[0]}`, ExitCode.stepFailed, [`Its journal is ${path}; fix the cause and run again.`]);
    }
    rmSync(path, { force: true });
    notes.push(
      committed
        ? `An earlier run (pid ${pid}) was interrupted after writing every file: finished it (removed the ${files} original(s) it had kept aside)`
        : `An earlier run (pid ${pid}) was interrupted while writing: rolled back its ${files} file change(s), every file is as it was before it`,
    );
  }
  for (const { pid, path } of stagingBeside(root)) {
    refuseIfRunning(pid, root);
    if (!dryRun) rmSync(path, { recursive: true, force: true });
    notes.push(`${dryRun ? 'A real run removes' : 'Removed'} ${basename(path)}, the unfinished project of an interrupted run (pid ${pid})`);
  }
  return notes;
}

function journalsIn(root: string) {
  return entriesOf(root).flatMap((name) => {
    const match = journalPattern.exec(name);
    return match ? [{ pid: Number(match[1]), path: join(root, name) }] : [];
  });
}

function stagingBeside(root: string) {
  const parent = dirname(root);
  return entriesOf(parent).flatMap((name) => {
    const pid = Number(/\.(\d+)\.tmp$/.exec(name)?.[1]);
    return Number.isInteger(pid) && name === stagingName(basename(root), pid) ? [{ pid, path: join(parent, name) }] : [];
  });
}

function entriesOf(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Another run still alive is writing there now: its journal is not ours to undo. */
function refuseIfRunning(pid: number, root: string) {
  if (pid === process.pid || !isAlive(pid)) return;
  throw new CliError(`Another run (pid ${pid}) is writing ${root} right now: wait for it to end, then run again`, ExitCode.usage);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
