import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

/**
 * Another release of the packed package: `tarball` unpacked into `dir/<version>`, its
 * package.json renumbered, `change` applied to its files (e.g. a template edited), packed
 * again. Its CLI reads its version and its templates from the package folder, so this is
 * what a later publish of the generator would hold. The tarball's path.
 */
export async function release(tarball: string, dir: string, version: string, change: (folder: string) => void = () => {}): Promise<string> {
  const root = join(dir, version);
  mkdirSync(root, { recursive: true });
  await execa('tar', ['-xzf', tarball, '-C', root]);
  const folder = join(root, 'package');
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string };
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
  change(folder);
  // No build: the folder already holds dist/ as packed (its `prepare` would need src/).
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], { cwd: folder });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  return join(root, filename);
}

/**
 * Changes a template of a package folder as a release with that change would hold it: in the
 * bundle (dist/templates/<folder>.cjs packs every template; the CLI renders from there) and in
 * templates/. Fails when the text is not in the bundle (a template that moved on: pick another
 * line). `to` must read the same inside a JSON string (no quotes, backslashes or line breaks).
 */
export function changeTemplate(folder: string, from: string, to: string): void {
  const dist = join(folder, 'dist');
  const bundles = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((name) => /\.c?js$/.test(name)).map((name) => join(dist, name));
  const inBundle = bundles.filter((file) => readFileSync(file, 'utf8').includes(from));
  if (inBundle.length === 0) throw new Error(`No template in ${folder}/dist holds ${JSON.stringify(from)}: pick another line to change`);
  const templates = readdirSync(join(folder, 'templates'), { recursive: true, encoding: 'utf8' }).map((path) => join(folder, 'templates', path));
  for (const file of [...inBundle, ...templates.filter((path) => statSync(path).isFile() && readFileSync(path, 'utf8').includes(from))]) replaceIn(file, from, to);
}

/** Replaces one exact piece of a file's text, failing when it is not there. */
export function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer holds ${JSON.stringify(from)}`);
  writeFileSync(file, text.replaceAll(from, to));
}
