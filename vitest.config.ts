import { defineConfig } from 'vitest/config';
import { safetyNet } from './test/fake-discord/safetyNet.js';

// Every test waits on events, each wait with its own safety net; this per-test bound only
// stops a hang. Generous, and stretched when the machine is already loaded at start
// (several suites on 2 cores can make a 5 s test take 40 s of wall time).
const TEST_BOUND_MS = Math.max(60_000, safetyNet(20_000));

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: TEST_BOUND_MS,
    hookTimeout: TEST_BOUND_MS,
    // Integration suites start servers on loopback ports; keep worker count modest on 2 cores.
    maxWorkers: 2,
    // Test files share their worker's module cache (nothing in test/ mocks modules or edits
    // process.env): the corpus engine, discord.js and the vectors load once per worker, not
    // once per file, which took the suite from ~247 s to ~170 s.
    isolate: false,
    // The word vectors cut once (test/vectorsGlobalSetup.ts), and one throwaway PostgreSQL
    // server for the store's tests (started only when the run includes them).
    globalSetup: ['test/vectorsGlobalSetup.ts', 'test/store/postgresGlobalSetup.ts'],
  },
});
