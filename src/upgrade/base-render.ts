import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { usageError } from '../errors.js';
import { onInterrupt } from '../interrupt.js';
import { answerKeys, flagName, formatAnswer } from '../options/answers.js';
import { generatorVersion } from '../package-info.js';
import { buildPlan } from '../plan/build-plan.js';
import { addFile, type FileTree } from '../plan/tree.js';
import { contentHash, type Manifest, manifestPath } from '../write/manifest.js';
import { defaultCacheDir, failureSummary, fetchPublished, packageName } from './published.js';

/**
 * The base of a three-way merge: the project exactly as the generator rendered it from the
 * stored answers, by the generator version that made it.
 * - same version as this one: rendered in memory from this version's templates;
 * - `--base-from <path>`: that version's package folder, whose own CLI renders it;
 * - otherwise: that version's published package, fetched once with `npm pack` into a cache.
 * When none works, the reason is returned and the upgrade falls back to a two-way merge.
 */
export interface BaseRender {
  readonly tree?: FileTree;
  /** Where the base came from, for the report. */
  readonly source: string;
  /** Why there is no base. */
  readonly problem?: string;
  /** How many of the manifest's files the render reproduces byte for byte (by hash), of how many. */
  readonly reproduces?: { readonly matched: number; readonly total: number };
}

export interface BaseOptions {
  /** A package folder of the version that generated the project. */
  readonly baseFrom?: string;
  /** Where published versions are cached (default: the user's cache folder). */
  readonly cacheDir?: string;
}

export async function renderBase(manifest: Manifest, options: BaseOptions = {}): Promise<BaseRender> {
  const version = manifest.generator.version;
  if (options.baseFrom !== undefined) return fromPackageFolder(options.baseFrom, manifest);
  if (version === generatorVersion) {
    const tree = buildPlan({ answers: manifest.answers, packageManager: manifest.packageManager });
    return { tree, source: `this version (${version})`, reproduces: coverage(tree, manifest) };
  }
  try {
    const folder = await fetchPublished(version, options.cacheDir ?? defaultCacheDir());
    const tree = await renderWithPackage(folder, packageBin(folder, (why) => new Error(why)), manifest);
    return { tree, source: `${packageName}@${version} (published)`, reproduces: coverage(tree, manifest) };
  } catch (error) {
    return { source: 'none', problem: `cannot render the files as version ${version} made them (${failureSummary(error)})` };
  }
}

/**
 * `--base-from`: the user says which build made the project, so it must be that build. Not
 * judged by its version number (every build of a version has the same one, and a rebuilt
 * checkout may carry another): its render must reproduce every hash in the manifest. A
 * folder that is not such a build, or whose CLI fails, is refused (exit 2), touching nothing.
 */
async function fromPackageFolder(given: string, manifest: Manifest): Promise<BaseRender> {
  const folder = resolve(given);
  const invalid = (why: string) => usageError(`Invalid --base-from ${given}: ${why}`);
  const bin = packageBin(folder, invalid);
  let tree: FileTree;
  try {
    tree = await renderWithPackage(folder, bin, manifest);
  } catch (error) {
    throw invalid(error instanceof RenderTimedOut ? `its CLI ${error.message}` : `its CLI could not render the project (${failureSummary(error)})`);
  }
  const reproduces = coverage(tree, manifest);
  if (reproduces.matched < reproduces.total) {
    const differs = Object.entries(manifest.files).find(([path, hash]) => !tree.has(path) || contentHash(tree.get(path)!.content) !== hash)![0];
    throw invalid(`its render reproduces ${reproduces.matched} of the ${reproduces.total} files the project was generated with (not ${differs}): give the build that made this project`);
  }
  return { tree, source: `--base-from ${given}`, reproduces };
}

/** The CLI script of a package folder of this generator, or the reason it is not one. */
function packageBin(folder: string, invalid: (why: string) => Error): string {
  let pkg: { name?: string; bin?: string | Record<string, string> };
  try {
    pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as typeof pkg;
  } catch {
    throw invalid(`no package.json there (give the folder of the ${packageName} build that made the project)`);
  }
  if (pkg.name !== packageName) throw invalid(`it is ${pkg.name ?? 'an unnamed package'}, not ${packageName}`);
  const bin = typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin?.[packageName] ?? `bin/${packageName}.js`);
  if (!existsSync(join(folder, bin))) throw invalid(`it has no ${bin}`);
  return bin;
}

/** How many of the manifest's files a render reproduces. */
function coverage(tree: FileTree, manifest: Manifest): { matched: number; total: number } {
  const entries = Object.entries(manifest.files);
  const matched = entries.filter(([path, hash]) => tree.has(path) && contentHash(tree.get(path)!.content) === hash).length;
  return { matched, total: entries.length };
}

/**
 * How long another version's CLI may take to render the base, in seconds: it writes some 150
 * files with no install, in well under a second; a CLI that takes minutes is stuck.
 * `CREATE_SERVERLESS_PATTERN_BASE_TIMEOUT` changes it.
 */
export const baseRenderTimeout = {
  variable: 'CREATE_SERVERLESS_PATTERN_BASE_TIMEOUT',
  defaultSeconds: 120,
  seconds(): number {
    const given = Number(process.env[this.variable]);
    return Number.isFinite(given) && given > 0 ? given : this.defaultSeconds;
  },
} as const;

/** The base render's CLI ran out of time (and was stopped). */
class RenderTimedOut extends Error {
  constructor(seconds: number) {
    super(`did not finish rendering the project within ${seconds} s (${baseRenderTimeout.variable} sets the limit, in seconds)`);
  }
}

/**
 * Runs that version's own CLI with the stored answers into a temp folder and reads what it
 * wrote. The folder goes on every way out: done, failed, out of time, or interrupted. The
 * CLI runs in a process group of its own, so Ctrl-C in the terminal reaches only us: we stop
 * it, remove its folder and exit 130, whatever it was doing then.
 */
async function renderWithPackage(folder: string, bin: string, manifest: Manifest): Promise<FileTree> {
  const { execa } = await import('execa');
  const work = mkdtempSync(join(tmpdir(), 'csp-base-'));
  // A file it writes while the removal runs leaves a folder non-empty for a moment: retried.
  const remove = () => rmSync(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  const seconds = baseRenderTimeout.seconds();
  const project = join(work, manifest.answers.name);
  const args = [join(folder, bin), project, ...answerFlags(manifest), '--package-manager', manifest.packageManager];
  args.push('--yes', '--no-install', '--no-git', '--no-interactive');
  const render = execa('node', args, { cwd: work, stdin: 'ignore', env: { CI: '1', NO_COLOR: '1' }, detached: true, timeout: seconds * 1000, killSignal: 'SIGKILL' });
  const forget = onInterrupt(() => {
    render.kill('SIGKILL');
    remove();
    return 'Nothing was written: the project is as it was.';
  });
  try {
    await render;
    return readTree(project);
  } catch (error) {
    if ((error as { timedOut?: boolean }).timedOut) throw new RenderTimedOut(seconds);
    throw error;
  } finally {
    forget();
    remove();
  }
}

/** The stored answers as the flags that give them. */
export function answerFlags(manifest: Pick<Manifest, 'answers'>): string[] {
  const flags: string[] = [];
  for (const key of answerKeys) {
    const value = manifest.answers[key];
    if (typeof value === 'boolean') {
      flags.push(value ? flagName(key) : `--no-${flagName(key).slice(2)}`);
      continue;
    }
    const text = formatAnswer(key, value as never);
    if (text !== '') flags.push(flagName(key), text);
  }
  return flags;
}

function readTree(root: string): FileTree {
  const tree: FileTree = new Map();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const path = relative(root, full).split(sep).join('/');
        if (path !== manifestPath) addFile(tree, path, readFileSync(full, 'utf8'));
      }
    }
  };
  walk(root);
  return tree;
}
