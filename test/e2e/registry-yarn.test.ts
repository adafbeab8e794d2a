import { describeRegistryFlow } from '../support/registry-flow.js';

// yarn 1, as `npm install --global yarn` gives it: `yarn create` installs the generator
// globally (here under the test's own prefix) and runs it.
describeRegistryFlow({
  manager: 'yarn',
  tools: ['yarn'],
  create: (name) => ['yarn', 'create', 'serverless-pattern', name, '--yes'],
  committed: [],
  stacks: (name) => [`${name}-ci`, `${name}-api-gateway`, `${name}-alarms`, `${name}-items`],
});
