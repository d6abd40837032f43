// System programs some tests need (Chromium, LibreOffice, poppler, iconv). Without one, its tests
// are skipped with a loud notice naming the install command; with CI=true that is a failure,
// and the run's reporter (no-skips-reporter.ts) also fails on any skipped test.
import { spawnSync } from 'node:child_process';

/** Whether `command` is on the PATH. */
export function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** `present`, or else a loud notice (locally) or an error (CI=true) about what is missing. */
export function systemTool(what: string, present: boolean, install: string): boolean {
  if (present) return true;
  const message = `${what} not installed: its tests are skipped. Install with:  ${install}`;
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: tests may not be skipped)`);
  const bar = '!'.repeat(88);
  console.warn(`\n${bar}\n  ${message}\n${bar}\n`);
  return false;
}
