import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  const saved: string[] = [];
  const save = (path: string) => {
    const file = join(targetDir, path);
    if (!existsSync(file)) {
      created.push(path);
      return;
    }
    mkdirSync(dirname(join(backups, path)), { recursive: true });
    copyFileSync(file, join(backups, path));
    saved.push(path);
  };
  const write = (path: string, content: Buffer, mode: number | undefined) => {
    save(path);
    const file = join(targetDir, path);
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, content, { mode: mode ?? 0o644 });
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, file);
  };

  try {
    for (const decision of decisions) {
      if (decision.status === 'delete') {
        save(decision.path);
        rmSync(join(targetDir, decision.path));
        continue;
      }
      if (decision.after !== undefined) write(decision.path, decision.after, decision.mode);
      if (decision.sidecar) write(decision.sidecar.path, decision.sidecar.content, undefined);
    }
    write(manifestPath, Buffer.from(manifest), undefined);
  } catch (error) {
    for (const path of created) rmSync(join(targetDir, path), { force: true });
    for (const path of saved) {
      mkdirSync(dirname(join(targetDir, path)), { recursive: true });
      renameSync(join(backups, path), join(targetDir, path));
    }
    rmSync(backups, { recursive: true, force: true });
    throw error;
  }
  rmSync(backups, { recursive: true, force: true });
  for (const decision of decisions) if (decision.status === 'delete') removeEmptyParents(targetDir, decision.path);
}

/** A folder the generator dropped entirely (say, a removed service) should not linger empty. */
function removeEmptyParents(root: string, path: string) {
  let dir = dirname(join(root, path));
  while (dir.startsWith(root) && dir !== root && existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).length === 0) {
    rmdirSync(dir);
    dir = dirname(dir);
  }
}
