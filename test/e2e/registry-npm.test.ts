import { describeRegistryFlow } from '../support/registry-flow.js';

// npm's two ways in, from one registry: `npm create` (the `--` hands the flags to the
// generator) and `npx`, each installing the toolkit from it. What the project then does
// through npm (test, synth, deploy) is the generated-project cases' (test/e2e/generated-*.test.ts,
// the same api project): not run twice; `dev` is run here, with the toolkit as published
// (those cases install it packed from this checkout).
describeRegistryFlow({
  manager: 'npm',
  tools: [],
  create: (name) => ['npm', 'create', 'serverless-pattern@latest', name, '--', '--yes'],
  alsoCreate: (name) => ['npx', 'create-serverless-pattern@latest', name, '--yes'],
  committed: [],
  checks: ['dev'],
});
