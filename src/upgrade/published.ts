import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Published versions of this generator, fetched once into a cache: where an older base comes from. */
export const packageName = 'create-serverless-pattern';
const versionPattern = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export function defaultCacheDir(): string {
  const root = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return process.env.CREATE_SERVERLESS_PATTERN_CACHE || join(root, packageName);
}

/**
 * `npm pack <name>@<version>` into the cache, unpacked, with its production dependencies,
 * once per version; later upgrades from that version reuse it offline.
 */
export async function fetchPublished(version: string, cacheDir: string): Promise<string> {
  if (!versionPattern.test(version)) throw new Error(`"${version}" is not a version number`);
  const folder = join(cacheDir, version, 'package');
  // Renamed into place only once complete. (Not node_modules: a package with no dependencies
  // has none, and the cache would never count.)
  if (existsSync(join(folder, 'package.json'))) return folder;

  const { execa } = await import('execa');
  mkdirSync(cacheDir, { recursive: true });
  const staging = mkdtempSync(join(cacheDir, `.${version}-`));
  const npmEnv = { npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  try {
    const packed = await execa('npm', ['pack', `${packageName}@${version}`, '--json', '--pack-destination', staging], { cwd: staging, env: npmEnv, reject: false });
    if (packed.exitCode !== 0) throw new Error(`npm pack ${packageName}@${version}: ${npmProblem(packed.stdout, packed.stderr)}`);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    await execa('tar', ['-xzf', join(staging, filename), '-C', staging]);
    await execa('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock', '--prefer-offline'], { cwd: join(staging, 'package'), env: npmEnv });
    rmSync(join(cacheDir, version), { recursive: true, force: true });
    renameSync(staging, join(cacheDir, version));
    return folder;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** npm --json reports an error as { error: { code, summary, detail } }: its clearest line. */
function npmProblem(stdout: string, stderr: string): string {
  try {
    const { error } = JSON.parse(stdout) as { error: { code?: string; summary?: string; detail?: string } };
    const detail = error.detail?.split('\n')[0]?.trim().replace(/\.$/, '');
    return `${error.code ?? 'error'}: ${detail || error.summary}`;
  } catch {
    return stderr.split('\n').find((line) => line.trim() !== '') ?? 'failed';
  }
}

/** The line of a failed command's output that says what went wrong. */
export function failureSummary(error: unknown): string {
  const e = error as { shortMessage?: string; stderr?: string; message?: string };
  const detail = e.stderr?.split('\n').find((line) => /error/i.test(line)) ?? e.shortMessage ?? e.message ?? String(error);
  return detail.split('\n')[0]!.trim();
}
