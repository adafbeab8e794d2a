import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    // Two test files at a time, also on 2 cores: much of an end-to-end case is waiting
    // (install, process start-up), so two cases overlap well.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Generous: on a busy 2-core machine the combination test alone can take seconds, and
        // importing mermaid (the diagram test) as many. Speed is measured by `npm run bench`.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          // The toolkit's own tests (packages/toolkit, published as serverless-pattern): small cloud
          // assemblies for deploy, and the built toolkit on apps it did not generate; its tests of
          // the generated projects' local stack are in test/project (run with those projects).
          name: 'toolkit',
          include: ['packages/toolkit/test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'packages/toolkit/test/project/**'],
          // The first run installs the hand-written app's dependencies (cached after): see app-dependencies.ts.
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          // Generated projects through every check, two at a time: a slice here, all with `npm run test:matrix`.
          name: 'matrix',
          include: ['test/matrix/**/*.test.ts'],
          // Node 24 for the generated projects, as in e2e.
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 1_800_000,
          hookTimeout: 600_000,
          maxConcurrency: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Installs Node 24 from npm once (cached), for the cases that run generated projects;
          // starts the registry the create flows install this package from.
          globalSetup: ['test/support/global-setup.ts', 'test/support/registry-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
