import type { FileDecision } from './decision.js';
import { type PackageManager, packageManagers } from '../options/package-manager.js';
import { shellWord } from '../shell-words.js';
import { commandLine, type Step } from '../steps/step.js';

/** The install step, when the upgrade changes package.json's dependencies; undefined otherwise. */
export function installStep(decisions: readonly FileDecision[], packageManager: PackageManager, displayDir: string): Step | undefined {
  if (!dependenciesChange(decisions)) return undefined;
  const install = { cmd: packageManager, args: [...packageManagers[packageManager].install] };
  return { id: 'install', title: 'Installing dependencies', ...install, retry: `cd ${shellWord(displayDir)} && ${commandLine(install)}` };
}

function dependenciesChange(decisions: readonly FileDecision[]): boolean {
  const pkg = decisions.find((d) => d.path === 'package.json');
  if (!pkg?.after) return false;
  const deps = (bytes: Buffer | undefined) => {
    try {
      const json = JSON.parse(bytes?.toString('utf8') ?? '{}') as Record<string, unknown>;
      return JSON.stringify([json.dependencies, json.devDependencies]);
    } catch {
      return undefined;
    }
  };
  return deps(pkg.before) !== deps(pkg.after);
}
