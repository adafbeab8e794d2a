import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Synthesizing a stack bundles every function with esbuild: seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { TABLE_NAME: 'test-table', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
