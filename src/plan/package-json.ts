import { projectNodeMajor } from '../node-version.js';
import type { Answers } from '../options/answers.js';
import { type PackageManager, packageManagers } from '../options/package-manager.js';
import type { Feature } from './features.js';
import { installScripts, type PackageName, resolutions as resolutionTable, versions } from './versions.js';

/** package.json as data: merged from the selected features, so no template edits JSON by hand. */
export function packageJson(answers: Answers, features: readonly Feature[], packageManager: PackageManager): string {
  const pick = (key: 'dependencies' | 'devDependencies') =>
    Object.fromEntries(
      features
        .flatMap((feature) => feature[key] ?? [])
        .sort()
        .map((name) => [name, versions[name]]),
    );
  const run = packageManagers[packageManager].run;
  const dependencies = pick('dependencies');
  const devDependencies = pick('devDependencies');
  const has = (name: PackageName) => name in dependencies || name in devDependencies;
  const resolutions = resolutionTable.filter((entry) => (entry.managers as readonly PackageManager[]).includes(packageManager) && has(entry.via));
  const manifest = {
    name: answers.name,
    version: '0.1.0',
    private: true,
    type: 'module',
    engines: { node: `>=${projectNodeMajor}` },
    scripts: Object.fromEntries(
      Object.entries(Object.assign({}, ...features.map((feature) => feature.scripts ?? {})) as Record<string, string>).map(
        ([name, script]) => [name, script.replaceAll('$run', run)],
      ),
    ),
    dependencies,
    devDependencies,
    // npm's decision for each dependency with an install script (see installScripts).
    allowScripts: Object.fromEntries(projectInstallScripts(has).map((entry) => [entry.name, entry.run])),
    ...(resolutions.length > 0 ? { resolutions: Object.fromEntries(resolutions.map((entry) => [entry.name, entry.version])) } : {}),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The packages with install scripts that a project with these dependencies installs. */
export function projectInstallScripts(has: (name: PackageName) => boolean) {
  return installScripts.filter((entry) => has(entry.via)).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** pnpm's settings file: the same decisions as `allowScripts`, as pnpm reads them (`allowBuilds`). */
export function pnpmWorkspace(features: readonly Feature[]): string {
  const names = new Set(features.flatMap((feature) => [...(feature.dependencies ?? []), ...(feature.devDependencies ?? [])]));
  const entries = projectInstallScripts((name) => names.has(name));
  return [
    '# pnpm settings. Which dependencies may run their install scripts: none needs to',
    '# (package.json\'s "allowScripts" records the same for npm).',
    'allowBuilds:',
    ...entries.map((entry) => `  ${entry.name}: ${entry.run}`),
    '',
  ].join('\n');
}
