import { type ResultPromise, execa } from 'execa';
import { appendFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** Ours (the generator and its toolkit), from this registry alone; everything else from the default registry, through the uplink. */
const ourPackages = ['create-serverless-pattern', 'serverless-pattern'];

export async function startRegistry(dir: string, { tools = [] }: { tools?: readonly ToolName[] } = {}): Promise<Registry> {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const upstream = process.env.npm_config_registry || 'https://registry.npmjs.org/';
  const config = join(dir, 'verdaccio.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, 'storage'))}`,
      'uplinks:',
      '  default:',
      `    url: ${JSON.stringify(upstream)}`,
      '    timeout: 60s',
      // Within one run, a package's metadata is fetched once.
      '    maxage: 60m',
      'packages:',
      ...ourPackages.flatMap((name) => [`  '${name}':`, '    access: $all', '    publish: $all']),
      "  '**':",
      '    access: $all',
      '    proxy: default',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
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
  mkdirSync(home, { recursive: true });
  const host = registry.replace(/^https?:/, '');
  writeFileSync(join(home, '.npmrc'), `registry=${registry}\n${host}:_authToken=placeholder\n`);
  // yarn 1's own setting too: the scripts and bins it runs (`yarn create`'s generator among
  // them) get its registry as npm_config_registry, the public one unless it is told.
  writeFileSync(join(home, '.yarnrc'), `registry "${registry}"\n`);
  const caches = join(toolchainsRoot(), '..', 'caches');
  forgetOurPackage(join(caches, 'bun'));
  const bins = [installTool('node24'), ...tools.map((tool) => installTool(tool))];
  // The system's PATH, less what npm added to the suite's (node_modules/.bin folders, node-gyp).
  const system = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '' && !/node_modules|node-gyp-bin/.test(dir));
  return {
    PATH: [...bins, ...system].join(delimiter),
    HOME: home,
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    LANG: process.env.LANG ?? 'C.UTF-8',
    NO_COLOR: '1',
    npm_config_userconfig: join(home, '.npmrc'),
    // The same registry again, for the clients that read the variable before any .npmrc (yarn 1 as root reads /usr/local/share's).
    npm_config_registry: registry,
    npm_config_cache: process.env.npm_config_cache || join(homedir(), '.npm'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    // pnpm (store, cache, state), yarn (cache, global folder of `yarn create`): XDG folders.
    XDG_CACHE_HOME: join(caches, 'cache'),
    XDG_DATA_HOME: join(caches, 'data'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    // yarn 1 links the bins of `yarn create`'s global install under its prefix (/usr/local as root).
    YARN_PREFIX: join(home, '.yarn-prefix'),
    YARN_REGISTRY: registry,
    BUN_INSTALL_CACHE_DIR: join(caches, 'bun'),
    // A project's tests and synth need no AWS: no credentials, no metadata service.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    ...(process.env.CHROME_PATH ? { CHROME_PATH: process.env.CHROME_PATH } : {}),
    ...networkSettings(),
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

/** How this machine reaches the network (extra CA certificates, a proxy), kept where the rest of the environment is not. */
function networkSettings(): Record<string, string> {
  const names = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];
  return Object.fromEntries(names.filter((name) => process.env[name]).map((name) => [name, process.env[name]!]));
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
