import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration suites start servers on loopback ports; keep worker count modest on 2 cores.
    maxWorkers: 2,
    // The word vectors cut once (test/vectorsGlobalSetup.ts), and one throwaway PostgreSQL
    // server for the store's tests (started only when the run includes them).
    globalSetup: ['test/vectorsGlobalSetup.ts', 'test/store/postgresGlobalSetup.ts'],
  },
});
