import type { Answers } from '../options/answers.js';
import type { Feature } from './features.js';
import { versions } from './versions.js';

/** package.json as data: merged from the selected features, so no template edits JSON by hand. */
export function packageJson(answers: Answers, features: readonly Feature[], run: string): string {
  const pick = (key: 'dependencies' | 'devDependencies') =>
    Object.fromEntries(
      features
        .flatMap((feature) => feature[key] ?? [])
        .sort()
        .map((name) => [name, versions[name]]),
    );
  const manifest = {
    name: answers.name,
    version: '0.1.0',
    private: true,
    type: 'module',
    engines: { node: '>=20.19' },
    scripts: Object.fromEntries(
      Object.entries(Object.assign({}, ...features.map((feature) => feature.scripts ?? {})) as Record<string, string>).map(
        ([name, script]) => [name, script.replaceAll('$run', run)],
      ),
    ),
    dependencies: pick('dependencies'),
    devDependencies: pick('devDependencies'),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
