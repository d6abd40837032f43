// With CI=true no test may be skipped: a skip hides a missing tool or an unfinished test, so the
// run fails and names each skipped test. Locally skips are allowed and listed loudly. The one
// exception: a test marked as needing PostgreSQL may be skipped in the embedded pass, because the
// PostgreSQL pass runs it (and there a skip fails like any other).
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { NEEDS_POSTGRES, noPostgres } from './postgres-only';

export default class NoSkipsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const skipped: string[] = [];
    for (const module of testModules)
      for (const test of module.children.allTests())
        if (test.result().state === 'skipped')
          skipped.push(`${path.relative(process.cwd(), module.moduleId)} > ${test.fullName}`);
    const forPostgres = noPostgres ? skipped.filter((s) => s.includes(NEEDS_POSTGRES)) : [];
    if (forPostgres.length)
      console.warn(`\n${forPostgres.length} test(s) left to the PostgreSQL pass (TEST_DATABASE_URL).\n`);
    const hidden = skipped.filter((s) => !forPostgres.includes(s));
    if (!hidden.length) return;
    const list = hidden.map((s) => `  - ${s}`).join('\n');
    if (process.env.CI === 'true') {
      console.error(`\n${hidden.length} test(s) skipped, which CI does not allow:\n${list}\n`);
      process.exitCode = 1;
    } else console.warn(`\n!!! ${hidden.length} test(s) skipped:\n${list}\n`);
  }
}
