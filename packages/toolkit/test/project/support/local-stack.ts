import type { TestProject } from 'vitest/node';
import type { Endpoints } from '../../../src/testing.js';
import { projectRoot } from './project.js';

declare module 'vitest' {
  export interface ProvidedContext {
    endpoints: Endpoints;
    apiRoots: Readonly<Record<string, string>>;
    /** The key each service's API requires, where it requires one (what its CloudFront distribution sends). */
    apiKeys: Readonly<Record<string, string>>;
    /** The origin the APIs allow with CORS: where the site is served locally. */
    siteOrigin: string;
  }
}

/** Starts the project's app as `serverless-pattern dev` does, on a free port, once for every test file; stops it after them. */
export default async function setup(project: TestProject) {
  // The toolkit as built (dist/): its functions run in the worker thread it ships beside it.
  const { startLocalStack } = (await import('../../../dist/testing.js' as string)) as typeof import('../../../src/testing.js');
  const stack = await startLocalStack({ root: projectRoot, port: 0 });
  project.provide('endpoints', stack.endpoints);
  project.provide('apiRoots', stack.apiRoots);
  project.provide('apiKeys', stack.apiKeys);
  project.provide('siteOrigin', stack.app.siteOrigin);
  return () => stack.close();
}
