import { type PlanInput, renderContext } from './context.js';
import { selectedFeatures } from './features.js';
import { packageJson } from './package-json.js';
import { joinReadme, renderFeature } from './render.js';
import { addFile, type FileTree } from './tree.js';

/** Answers in, the whole project out, in memory. Pure but for reading the bundled templates. */
export function buildPlan(input: PlanInput): FileTree {
  const features = selectedFeatures(input.answers);
  const context = renderContext(input, features);
  const tree: FileTree = new Map();
  const readme = new Map<string, string>();
  for (const feature of features) renderFeature(tree, feature.folder, context, readme);
  addFile(tree, 'README.md', joinReadme(readme));
  addFile(tree, 'package.json', packageJson(input.answers, features, context.pm.run));
  return tree;
}
