import type { TestProject } from 'vitest/node';
import { type Endpoints, startLocalStack } from '../../dev/local-stack.js';

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

/** Starts the app as `npm run dev` does, on a free port, once for every test of test/dev/; stops it after them. */
export default async function setup(project: TestProject) {
  const stack = await startLocalStack({ root: process.cwd(), port: 0 });
  project.provide('endpoints', stack.endpoints);
  project.provide('apiRoots', stack.apiRoots);
  project.provide('apiKeys', stack.apiKeys);
  project.provide('siteOrigin', stack.app.siteOrigin);
  return () => stack.close();
}
