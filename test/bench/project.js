import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  run(process.execPath, [cli, fresh, '--pattern', 'api', '--no-install', '--no-git', '--yes'], cacheRoot);

  const key = createHash('sha256').update(readFileSync(join(fresh, 'package.json'))).digest('hex');
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

function run(cmd, args, cwd) {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}\n${result.stdout}\n${result.stderr}`);
}
