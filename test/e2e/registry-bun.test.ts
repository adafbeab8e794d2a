import { describeRegistryFlow } from '../support/registry-flow.js';

describeRegistryFlow({
  manager: 'bun',
  tools: ['bun'],
  create: (name) => ['bunx', 'create-serverless-pattern', name, '--yes'],
  committed: [],
  stacks: (name) => [`${name}-ci`, `${name}-api-gateway`, `${name}-alarms`, `${name}-items`],
});
