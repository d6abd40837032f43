import { defineConfig } from 'vitest/config';

// Browser journeys: each file starts the real app and Chromium, so one file at a time.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
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
