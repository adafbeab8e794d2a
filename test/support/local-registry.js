// What the registry flows of the tests (registry.ts) and the bench (test/bench/first-answer.js)
// share: Verdaccio's configuration, and a new user's npm environment against it. Plain
// JavaScript, so that the bench runs it on Node 20 without a TypeScript loader.
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Ours (the generator and its toolkit), from the local registry alone; everything else from the default registry, through the uplink. */
export const ourPackages = ['create-serverless-pattern', 'serverless-pattern'];

/** Writes `<dir>/verdaccio.yaml` (its storage in `<dir>/storage`) and returns its path. */
export function writeVerdaccioConfig(dir) {
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
  return config;
}

/**
 * A new user's environment with nothing of this machine's npm setup: a home of its own whose
 * .npmrc names only `registry` (and a placeholder token, which Verdaccio's anonymous publish
 * takes: npm refuses to publish without one), `bins` first on PATH, no `npm_*` variables of
 * the npm running this, npm's shared cache, no AWS credentials or metadata service.
 */
export function npmUserEnvironment(registry, home, bins) {
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, '.npmrc'), `registry=${registry}\n${registry.replace(/^https?:/, '')}:_authToken=placeholder\n`);
  // The system's PATH, less what npm added to ours (node_modules/.bin folders, node-gyp).
  const system = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '' && !/node_modules|node-gyp-bin/.test(dir));
  return {
    PATH: [...bins, ...system].join(delimiter),
    HOME: home,
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    LANG: process.env.LANG ?? 'C.UTF-8',
    NO_COLOR: '1',
    npm_config_userconfig: join(home, '.npmrc'),
    // The same registry again, for the clients that read the variable before any .npmrc.
    npm_config_registry: registry,
    npm_config_cache: process.env.npm_config_cache || join(homedir(), '.npm'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    // A project's tests and synth need no AWS: no credentials, no metadata service.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    ...networkSettings(),
  };
}

/** How this machine reaches the network (extra CA certificates, a proxy), kept where the rest of the environment is not. */
export function networkSettings() {
  const names = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];
  return Object.fromEntries(names.filter((name) => process.env[name]).map((name) => [name, process.env[name]]));
}
