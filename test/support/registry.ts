import { type ResultPromise, execa } from 'execa';
import { appendFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { networkSettings, npmUserEnvironment, ourPackages, writeVerdaccioConfig } from './local-registry.js';
import { installTool, type ToolName, toolchainsRoot } from './toolchains.js';

// Not cli.ts's: this module also runs in the global setup, outside any test (cli.ts imports vitest's test API).
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A real npm registry on loopback: Verdaccio (a dev dependency), its storage in `dir`,
 * serving the packages published to it and, for every other package, the default
 * registry's through its uplink. Started as a process of its own, so that stopping the
 * registry is what a user meets when theirs is down.
 */
export interface Registry {
  readonly url: string;
  /** `npm publish` of a packed tarball, as its maintainer would. */
  publish(tarball: string): Promise<void>;
  /** The environment of a user who has only this registry configured (see userEnvironment). */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startRegistry(dir: string, { tools = [] }: { tools?: readonly ToolName[] } = {}): Promise<Registry> {
  const config = writeVerdaccioConfig(dir);
  const server: ResultPromise = execa(process.execPath, [join(repoRoot, 'test/support/verdaccio-server.mjs'), config], {
    cwd: dir,
    reject: false,
    buffer: false,
    stdin: 'ignore',
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', HOME: dir, ...networkSettings() },
  });
  // What it says (warnings: an uplink that failed), for a look after a failure (CSP_KEEP_TEMP=1 keeps it).
  const log = join(dir, 'verdaccio.log');
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Verdaccio did not start in 60 s:\n${seen}`)), 60_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      appendFileSync(log, chunk);
      const match = /listening (\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    server.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      appendFileSync(log, chunk);
    });
    void server.then((result) => reject(new Error(`Verdaccio exited (${result.exitCode ?? result.signal}):\n${seen}`)));
  });
  const url = `http://127.0.0.1:${port}/`;
  const env = userEnvironment(url, join(dir, 'home'), tools);
  return {
    url,
    env,
    async publish(tarball) {
      const published = await execa('npm', ['publish', tarball, '--tag', 'latest'], { cwd: dir, env, extendEnv: false, reject: false, all: true });
      if (published.exitCode !== 0) throw new Error(`npm publish ${tarball}: ${published.all}`);
    },
    async stop() {
      server.kill('SIGTERM');
      await server;
    },
  };
}

/**
 * A user's environment with nothing of this machine's npm setup: a home of its own whose
 * .npmrc names only `registry` (and a placeholder token, which Verdaccio's anonymous publish
 * takes: npm refuses to publish without one), Node 24 and the given tools first on PATH, no
 * `npm_*` variables of the npm running the suite. Caches are shared with later runs: npm's
 * (the suite's), and pnpm's store, yarn's and bun's caches in the toolchains folder.
 */
export function userEnvironment(registry: string, home: string, tools: readonly ToolName[]): Record<string, string> {
  const env = npmUserEnvironment(registry, home, [installTool('node24'), ...tools.map((tool) => installTool(tool))]);
  // yarn 1's own setting too: the scripts and bins it runs (`yarn create`'s generator among
  // them) get its registry as npm_config_registry, the public one unless it is told.
  writeFileSync(join(home, '.yarnrc'), `registry "${registry}"\n`);
  const caches = join(toolchainsRoot(), '..', 'caches');
  forgetOurPackage(join(caches, 'bun'));
  return {
    ...env,
    // pnpm (store, cache, state), yarn (cache, global folder of `yarn create`): XDG folders.
    XDG_CACHE_HOME: join(caches, 'cache'),
    XDG_DATA_HOME: join(caches, 'data'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    // yarn 1 links the bins of `yarn create`'s global install under its prefix (/usr/local as root).
    YARN_PREFIX: join(home, '.yarn-prefix'),
    YARN_REGISTRY: registry,
    BUN_INSTALL_CACHE_DIR: join(caches, 'bun'),
    ...(process.env.CHROME_PATH ? { CHROME_PATH: process.env.CHROME_PATH } : {}),
  };
}

/**
 * bun's cache keys a package by name, version and registry host, not by its contents, and
 * bunx keeps what it installed (`.bunx-<uid>/<package>@latest`) for a day: this package,
 * published afresh by every run under the same version (and so would its toolkit), would come from an earlier run's
 * copy. The rest of the cache (the projects' dependencies) is kept.
 */
function forgetOurPackage(bunCache: string): void {
  if (!existsSync(bunCache)) return;
  const bunx = readdirSync(bunCache).filter((entry) => entry.startsWith('.bunx-')).map((entry) => join(bunCache, entry));
  for (const dir of [bunCache, ...bunx]) {
    for (const entry of readdirSync(dir)) if (ourPackages.some((name) => entry.startsWith(`${name}@`))) rmSync(join(dir, entry), { recursive: true, force: true });
  }
}

/** `npm pack` of this repository (dist/ as built) into `dir`; the tarball's path. */
export async function packRepository(dir: string): Promise<string> {
  return pack(repoRoot, dir);
}

/** The toolkit (packages/toolkit), built and packed into `dir`: the tarball's path. */
export async function packToolkit(dir: string): Promise<string> {
  const folder = join(repoRoot, 'packages', 'toolkit');
  await execa('node', ['build.js'], { cwd: folder });
  return pack(folder, dir);
}

async function pack(folder: string, dir: string): Promise<string> {
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: folder });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  return join(dir, filename);
}
