import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // Synthesizing a stack bundles every function with esbuild: seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { TABLE_NAME: 'test-table', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/dev/**'] } },
      // The app running as `npm run dev` runs it, driven over HTTP; one local stack for every file.
      { extends: true, test: { name: 'local', include: ['test/dev/**/*.test.ts'], globalSetup: ['test/support/local-stack.ts'] } },
    ],
  },
});
