import { factsOf } from '../options/facts.js';
import { type PlanInput, renderContext } from './context.js';
import { selectedFeatures } from './features.js';
import { packageJson, pnpmWorkspace } from './package-json.js';
import { joinReadme } from './readme.js';
import { renderFeature } from './render.js';
import { addFile, type FileTree } from './tree.js';

/** Answers in, the whole project out, in memory. Pure but for reading the bundled templates. */
export function buildPlan(input: PlanInput): FileTree {
  const facts = factsOf(input.answers);
  const features = selectedFeatures(facts);
  const context = renderContext(input, facts, features);
  const tree: FileTree = new Map();
  const readme = features.flatMap((feature, order) => renderFeature(tree, feature.folder, order, context));
  addFile(tree, 'README.md', joinReadme(readme));
  addFile(tree, 'package.json', packageJson(input.answers, features, input.packageManager));
  if (input.packageManager === 'pnpm') addFile(tree, 'pnpm-workspace.yaml', pnpmWorkspace(features));
  return tree;
}
