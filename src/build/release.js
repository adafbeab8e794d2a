// `npm run release -- <version> [--publish]`: the generator and its toolkit (packages/toolkit)
// released together, at one version: a generated project lists the toolkit at the version of
// the generator that wrote it, so a release of one without the other would install nothing.
// Sets both versions (and the lockfile), builds and packs both into releases/; with
// --publish, publishes the toolkit first (what the generator's projects install), then the
// generator.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package.json files that carry the one version: the generator's and the toolkit's. */
export const releasedManifests = ['package.json', 'packages/toolkit/package.json'];

/** Writes `version` into every released package.json under `root`. */
export function setVersion(root, version) {
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`"${version}" is not a version (major.minor.patch[-prerelease])`);
  for (const file of releasedManifests) {
    const path = join(root, file);
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [version, ...flags] = process.argv.slice(2).filter((arg) => arg !== '--');
  const root = fileURLToPath(new URL('../..', import.meta.url));
  try {
    if (!version || flags.some((flag) => flag !== '--publish')) throw new Error('usage: npm run release -- <version> [--publish]');
    setVersion(root, version);
  } catch (error) {
    console.error(`error: ${error.message}`);
    process.exit(2);
  }
  const npm = (args, cwd = root) => execFileSync('npm', args, { cwd, stdio: 'inherit' });
  npm(['install', '--package-lock-only', '--ignore-scripts']);
  npm(['run', 'build']);
  for (const folder of ['packages/toolkit', '.']) npm(['pack', '--ignore-scripts', '--pack-destination', join(root, 'releases')], join(root, folder));
  if (flags.includes('--publish')) for (const folder of ['packages/toolkit', '.']) npm(['publish', '--ignore-scripts'], join(root, folder));
}
