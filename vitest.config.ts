import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const INCLUDE = ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'];

/**
 * With TEST_DATABASE_URL the run is the API suite on a PostgreSQL server: the files that drive
 * the app on the test database (setupTestApp, or the fuzz suite that does) or name the server
 * themselves. Pure unit tests and the embedded database's own tests (its data folder, its lock,
 * a kill -9) test nothing of the server and have run in the embedded pass already.
 */
function postgresFiles(): string[] {
  const files: string[] = [];
  for (const root of ['src', 'tests/unit']) {
    let names: string[];
    try {
      names = readdirSync(root, { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.endsWith('.test.ts')) continue;
      const file = path.join(root, name);
      if (/setupTestApp|fuzz-suite|TEST_DATABASE_URL/.test(readFileSync(file, 'utf8'))) files.push(file);
    }
  }
  return files;
}

export default defineConfig({
  test: {
    include: process.env.TEST_DATABASE_URL ? postgresFiles() : INCLUDE,
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
