import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const keyFile = '.bench-install-key';
/** What survives a refresh of the cached project: its installed dependencies. */
const kept = new Set(['node_modules', 'package-lock.json', keyFile]);

/**
 * A generated `api` project with its dependencies installed, cached in a temp folder so a
 * second bench run does not install again. The files are regenerated on every run (so the
 * numbers are for the current templates); the install is redone only when the generated
 * package.json changes.
 */
export function cachedApiProject({ cli, cacheRoot, log }) {
  const dir = join(cacheRoot, 'api-project');
  const fresh = join(mkdtempSync(join(cacheRoot, 'fresh-')), 'bench-api');
  // The toolkit as built here (not published at this version): packed, and named by the
  // generator in the project's devDependencies instead of the version.
  const toolkit = packToolkit(cacheRoot);
  run(process.execPath, [cli, fresh, '--pattern', 'api', '--ci', 'none', '--no-install', '--no-git', '--yes'], cacheRoot, { CREATE_SERVERLESS_PATTERN_TOOLKIT: `file:${toolkit}` });

  const key = createHash('sha256').update(readFileSync(join(fresh, 'package.json'))).update(readFileSync(toolkit)).digest('hex');
  const installed = existsSync(join(dir, 'node_modules')) && readIf(join(dir, keyFile)) === key;
  if (installed) {
    for (const entry of readdirSync(dir)) if (!kept.has(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
    cpSync(fresh, dir, { recursive: true });
    log('reusing the installed api project in ' + dir);
  } else {
    rmSync(dir, { recursive: true, force: true });
    cpSync(fresh, dir, { recursive: true });
    log('installing the api project in ' + dir + ' (once; cached for later runs)');
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
    writeFileSync(join(dir, keyFile), key);
  }
  rmSync(join(fresh, '..'), { recursive: true, force: true });
  return dir;
}

function readIf(path) {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** packages/toolkit (built by `npm run bench`'s build) packed into `dir`: the tarball's path. */
function packToolkit(dir) {
  const folder = fileURLToPath(new URL('../../packages/toolkit', import.meta.url));
  const result = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: folder, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm pack failed in ${folder}\n${result.stderr}`);
  return join(dir, JSON.parse(result.stdout)[0].filename);
}

function run(cmd, args, cwd, env = {}) {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}\n${result.stdout}\n${result.stderr}`);
}
