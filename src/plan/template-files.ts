import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
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
    files = walk(root).map((file) => ({
      path: relative(root, file).split(sep).join('/'),
      content: readFileSync(file, 'utf8'),
      executable: (statSync(file).mode & 0o111) !== 0,
    }));
    cache.set(feature, files);
  }
  return files;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => comparePaths(a.name, b.name))
    .flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}
