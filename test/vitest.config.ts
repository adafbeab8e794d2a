import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    // Two test files at a time, also on 2 cores: much of an end-to-end case is waiting
    // (install, process start-up), so two cases overlap well.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Generous: on a busy 2-core machine the combination test alone can take seconds.
        // Speed is measured by `npm run bench`, not asserted here.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 },
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
