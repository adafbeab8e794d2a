import { describeRegistryFlow } from '../support/registry-flow.js';

// pnpm's strict node_modules (only declared packages at the top) on the project with the most
// packages of its own: a site, with Vite, jsdom, playwright-core and the local stack.
describeRegistryFlow({
  manager: 'pnpm',
  tools: ['pnpm'],
  create: (name) => ['pnpm', 'create', 'serverless-pattern', name, '--pattern', 'spa', '--yes'],
  committed: ['pnpm-workspace.yaml'],
  stacks: (name) => [`${name}-ci`, `${name}-api-gateway`, `${name}-alarms`, `${name}-site`, `${name}-items`, `${name}-site-content`, `${name}-edge`],
  site: true,
});
