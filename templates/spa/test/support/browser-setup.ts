import type { TestProject } from 'vitest/node';
import { startLocalSite } from 'serverless-pattern/testing';
import { findChrome } from './chrome.js';

declare module 'vitest' {
  export interface ProvidedContext {
    site: string;
    chrome: string;
  }
}

/** The site as `npm run preview` serves it (a production build behind the local distribution), once for every browser test. */
export default async function setup(project: TestProject) {
  project.provide('chrome', findChrome());
  const stack = await startLocalSite({ root: process.cwd(), port: 0, sitePort: 0, preview: true });
  project.provide('site', stack.endpoints.site!);
  return () => stack.close();
}
