// What a crash may lose: kill -9 a process in the middle of committing, reopen the folder, and
// check that every acknowledged commit is there and no transaction is half applied.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client';

const writer = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../tests/crash-writer.ts');

async function crashOnce(dir: string, afterCommits: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let acknowledged = 0;
  let buffer = '';
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve());
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const n = Number(line);
        if (Number.isInteger(n) && n > 0) acknowledged = n;
      }
      if (acknowledged >= afterCommits) child.kill('SIGKILL');
    });
  });
  return acknowledged;
}

describe('crash safety of the embedded database', () => {
  it(
    'keeps every acknowledged commit and no half transaction after kill -9',
    { timeout: 120_000 },
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'gonghui-crash-'));
      try {
        for (const target of [50, 200, 400]) {
          const acknowledged = await crashOnce(dir, target);
          expect(acknowledged).toBeGreaterThanOrEqual(target);
          // The killed process left its lock; it is dead, so the next owner takes over.
          const database = await openDatabase({ dataDir: dir });
          const halves = await database.rows<{ n: number; c: number }>(
            'select n, count(*)::int as c from crash_pairs group by n having count(*) <> 2',
          );
          expect(halves).toEqual([]);
          const [max] = await database.rows<{ m: number }>(
            'select coalesce(max(n), 0)::int as m from crash_pairs',
          );
          expect(max!.m).toBeGreaterThanOrEqual(acknowledged);
          await database.rows('delete from crash_pairs');
          await database.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
