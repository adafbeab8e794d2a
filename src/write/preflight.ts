import { accessSync, constants, lstatSync, readlinkSync, type Stats, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { usageError } from '../errors.js';

/**
 * What can be checked before a byte is written, so a run refuses (exit 2) instead of failing
 * part-way: a target that cannot be a folder, and edits that would land on something other
 * than a file (a folder, a symbolic link) or inside something other than a folder.
 */

/** File systems allow 255 bytes per name (NAME_MAX on Linux, macOS and Windows alike). */
const maxNameBytes = 255;

/** Refuses a target folder that cannot be written: a name too long, a place under a file, a dangling link, no write permission. */
export function checkTargetPath(target: string): void {
  const absolute = resolve(target);
  const long = absolute.split(sep).find((part) => Buffer.byteLength(part) > maxNameBytes);
  if (long !== undefined) {
    throw usageError(`The folder name "${long.slice(0, 24)}…" is ${Buffer.byteLength(long)} bytes long; file systems allow ${maxNameBytes}: choose a shorter one`);
  }
  const here = lstatOrUndefined(absolute);
  if (here?.isSymbolicLink() && !statOrUndefined(absolute)) {
    throw usageError(`${absolute} is a symbolic link to ${readlinkSync(absolute)}, which does not exist: create that folder or remove the link`);
  }
  let existing = absolute;
  while (!statOrUndefined(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const stats = statOrUndefined(existing);
  if (existing === absolute && stats && !stats.isDirectory()) throw usageError(`${absolute} exists and is not a folder; choose another directory`);
  if (!stats?.isDirectory()) throw usageError(`${existing} is a file, so ${absolute} cannot be created: choose another directory`);
  try {
    accessSync(existing, constants.W_OK);
  } catch (error) {
    throw usageError(`Cannot write in ${existing} (${(error as NodeJS.ErrnoException).code}): choose another directory or fix its permissions`);
  }
}

/** Refuses, before anything is written, edits whose path holds a folder or a link, or lies under a file. */
export function checkEdits(root: string, paths: readonly string[]): void {
  const seen = new Map<string, Stats | undefined>();
  const look = (path: string) => {
    if (!seen.has(path)) seen.set(path, lstatOrUndefined(join(root, path)));
    return seen.get(path);
  };
  for (const path of paths) {
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      const stats = look(folder);
      if (!stats) break;
      if (stats.isDirectory() || (stats.isSymbolicLink() && statOrUndefined(join(root, folder))?.isDirectory())) continue;
      throw usageError(`${folder} is a file, but the generator writes ${path} in a folder of that name: move it, then run again`);
    }
    const stats = look(path);
    if (!stats || stats.isFile()) continue;
    if (stats.isSymbolicLink()) throw usageError(`${path} is a symbolic link, but the generator writes a file there: replace the link by a copy of its file, or move it, then run again`);
    const what = stats.isDirectory() ? 'a folder' : 'not a regular file';
    throw usageError(`${path} is ${what}, but the generator writes a file there: move it, then run again`);
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
