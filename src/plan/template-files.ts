import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { templatesRoot } from '../package-info.js';
import { comparePaths } from './tree.js';

export interface TemplateFile {
  /** Path inside the feature folder, POSIX separators, as it is on disk (e.g. `README.md.hbs`). */
  readonly path: string;
  readonly content: string;
  readonly executable: boolean;
}

const cache = new Map<string, readonly TemplateFile[]>();

/** Every file of one feature folder, read from disk once per process. */
export function templateFiles(feature: string): readonly TemplateFile[] {
  let files = cache.get(feature);
  if (!files) {
    const root = join(templatesRoot, feature);
    files = walk(root, '').map((path) => {
      const file = `${root}${sep}${path}`;
      return { path, content: readFileSync(file, 'utf8'), executable: (statSync(file).mode & 0o111) !== 0 };
    });
    cache.set(feature, files);
  }
  return files;
}

/** POSIX paths relative to root, built while walking (cheaper than path.relative per file). */
function walk(root: string, prefix: string): string[] {
  return readdirSync(prefix ? `${root}${sep}${prefix}` : root, { withFileTypes: true })
    .sort((a, b) => comparePaths(a.name, b.name))
    .flatMap((entry) => {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? walk(root, path) : [path];
    });
}
