import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    // One migrated database per run; each file's database starts as a copy of it.
    globalSetup: ['tests/global-setup.ts'],
    // With CI=true a skipped test fails the run (tests/no-skips-reporter.ts).
    reporters: ['default', './tests/no-skips-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file opens its own database; two at a time suits a 2-core machine.
    maxWorkers: 2,
    pool: 'forks',
  },
});
