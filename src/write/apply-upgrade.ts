import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { manifestPath } from './manifest.js';
import type { FileDecision } from './upgrade-plan.js';

/**
 * Applies an upgrade plan: every file is written beside its target and renamed over it, every
 * replaced or deleted file is backed up first, and the manifest is written last, so that a
 * failure anywhere restores the project as it was (old files, old manifest). Synchronous on
 * purpose, like the create writer: Ctrl-C is handled between whole writes.
 */
export function applyUpgrade(targetDir: string, decisions: readonly FileDecision[], manifest: string): void {
  const backups = join(targetDir, `.serverless-pattern-backup.${process.pid}.tmp`);
  const created: string[] = [];
  const movedAside: string[] = [];
  let pendingTemp: string | undefined;
  // The original is renamed aside, not copied, so a rollback restores it exactly (bytes, mode, times).
  const moveAside = (path: string) => {
    const file = join(targetDir, path);
    if (!existsSync(file)) {
      created.push(path);
      return;
    }
    if (!lstatSync(file).isFile()) throw new Error(`${path} is not a file; refusing to replace it`);
    mkdirSync(dirname(join(backups, path)), { recursive: true });
    renameSync(file, join(backups, path));
    movedAside.push(path);
  };
  const write = (path: string, content: Buffer, mode: number | undefined) => {
    const file = join(targetDir, path);
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    pendingTemp = temp;
    writeFileSync(temp, content, { mode: mode ?? 0o644 });
    if (mode !== undefined) chmodSync(temp, mode);
    moveAside(path);
    renameSync(temp, file);
    pendingTemp = undefined;
  };

  try {
    for (const decision of decisions) {
      if (decision.status === 'delete') moveAside(decision.path);
      else if (decision.after !== undefined) write(decision.path, decision.after, decision.mode);
      if (decision.sidecar) write(decision.sidecar.path, decision.sidecar.content, undefined);
    }
    write(manifestPath, Buffer.from(manifest), undefined);
  } catch (error) {
    for (const path of created) rmSync(join(targetDir, path), { force: true });
    for (const path of movedAside) renameSync(join(backups, path), join(targetDir, path));
    if (pendingTemp) rmSync(pendingTemp, { force: true });
    rmSync(backups, { recursive: true, force: true });
    removeCreatedFolders(targetDir, created);
    throw error;
  }
  rmSync(backups, { recursive: true, force: true });
  for (const decision of decisions) if (decision.status === 'delete') removeEmptyParents(targetDir, decision.path);
}

/** After a rollback, folders made only for new files go too. */
function removeCreatedFolders(root: string, created: readonly string[]) {
  for (const path of created) removeEmptyParents(root, path);
}

/** A folder the generator dropped entirely (say, a removed service) should not linger empty. */
function removeEmptyParents(root: string, path: string) {
  let dir = dirname(join(root, path));
  while (dir.startsWith(root) && dir !== root && existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).length === 0) {
    rmdirSync(dir);
    dir = dirname(dir);
  }
}
