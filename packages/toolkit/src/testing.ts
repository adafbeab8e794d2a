/**
 * `serverless-pattern/testing`: the local stack for a project's own tests, as `dev` and
 * `preview` start it (a test's global setup starts it once, on free ports, and stops it).
 */
export { type LocalSiteOptions, startLocalSite } from './local/local-site.js';
export { type Endpoints, type LocalStack, type LocalStackOptions, startLocalStack } from './local/local-stack.js';
