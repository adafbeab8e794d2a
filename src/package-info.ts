import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding this package's package.json and templates. Found by walking up,
 * so it is the same whether the code runs bundled (dist/) or from source (src/) in tests.
 */
export const packageRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (manifest.name === 'create-serverless-pattern') return dir;
    } catch {
      // no package.json here; keep walking
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('create-serverless-pattern: cannot find its own package.json');
    dir = parent;
  }
})();

export const generatorVersion: string = (
  JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;

export const templatesRoot = join(packageRoot, 'templates');

/**
 * The toolkit every generated project runs its `dev`, `preview` and `deploy` with
 * (packages/toolkit): released with the generator, at the same version, so a project gets
 * the toolkit its templates were tested with. CREATE_SERVERLESS_PATTERN_TOOLKIT replaces the
 * version with another npm spec (a packed tarball: `file:…`), for this repository's own
 * tests and for trying an unreleased toolkit.
 */
export const toolkit = {
  name: 'serverless-pattern',
  spec: process.env.CREATE_SERVERLESS_PATTERN_TOOLKIT || generatorVersion,
} as const;
