import { defineConfig } from 'vitest/config';

// Browser journeys: each file starts the real app and Chromium, so one file at a time. The demo
// city is seeded once (tests/e2e/global-setup.ts) and each file starts on its own copy.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    environment: 'node',
    // With CI=true a skipped test fails the run (tests/no-skips-reporter.ts).
    reporters: ['default', './tests/no-skips-reporter.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
