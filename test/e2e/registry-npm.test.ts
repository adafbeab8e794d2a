import { describeRegistryFlow } from '../support/registry-flow.js';

// npm's two ways in, from one registry: `npm create` (the `--` hands the flags to the
// generator) and `npx`. What the project then does through npm (test, synth, deploy, dev) is
// the generated-project cases' (test/e2e/generated-*.test.ts, the same api project): not
// run twice.
describeRegistryFlow({
  manager: 'npm',
  tools: [],
  create: (name) => ['npm', 'create', 'serverless-pattern@latest', name, '--', '--yes'],
  alsoCreate: (name) => ['npx', 'create-serverless-pattern@latest', name, '--yes'],
  committed: [],
  checks: [],
});
