// With CI=true no test may be skipped: a skip hides a missing tool or an unfinished test, so the
// run fails and names each skipped test. Locally skips are allowed and listed loudly.
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class NoSkipsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const skipped: string[] = [];
    for (const module of testModules)
      for (const test of module.children.allTests())
        if (test.result().state === 'skipped')
          skipped.push(`${path.relative(process.cwd(), module.moduleId)} > ${test.fullName}`);
    if (!skipped.length) return;
    const list = skipped.map((s) => `  - ${s}`).join('\n');
    if (process.env.CI === 'true') {
      console.error(`\n${skipped.length} test(s) skipped, which CI does not allow:\n${list}\n`);
      process.exitCode = 1;
    } else console.warn(`\n!!! ${skipped.length} test(s) skipped:\n${list}\n`);
  }
}
