import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from './client';
import { migrate } from './migrate';
import { DataDirLockedError } from './lock';

/**
 * A migrated database's image (tests/global-setup.ts). The tests that need no empty database
 * open from it and skip the seconds an empty one's initdb takes; the first test starts empty, as
 * it checks the migrations of a new folder.
 */
const image = inject('pgliteImage');

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'gonghui-db-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('embedded database', () => {
  it('persists across reopen, and migrations apply once', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    expect((await migrate(first)).length).toBeGreaterThan(0);
    await first.rows(
      "insert into login_failures (id, username, ip) values (gen_random_uuid(), 'kept', '1.1.1.1')",
    );
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    expect(await migrate(second)).toEqual([]);
    expect(await second.rows('select username from login_failures')).toEqual([{ username: 'kept' }]);
    await second.close();
  });

  it('refuses a second owner of a data folder, naming the holder', async () => {
    const dir = tempDir();
    const owner = await openDatabase({ dataDir: dir, image });
    const error = await openDatabase({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`进程号 ${process.pid}`);
    await owner.close();
    // Released on close: a new owner may open it.
    const next = await openDatabase({ dataDir: dir });
    await next.close();
  });

  it('takes over a lock left by a dead process', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    const { hostname } = await import('node:os');
    writeFileSync(
      path.join(dir, 'gonghui.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), startedAt: 'x', command: 'old' }),
    );
    const database = await openDatabase({ dataDir: dir, image });
    await database.close();
  });

  it('a transaction is all or nothing, and others wait for it', async () => {
    const database = await openDatabase({ image });
    await database.rows('create table t (n int)');
    await expect(
      database.transaction(async (tx) => {
        await tx.execute(sql`insert into t values (1)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await database.rows('select count(*)::int as n from t')).toEqual([{ n: 0 }]);
    // A statement outside the transaction does not see, or interleave with, its writes.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = database.transaction(async (t) => {
      await t.execute(sql`insert into t values (2)`);
      await gate;
      await t.execute(sql`insert into t values (3)`);
    });
    const outside = database.rows<{ n: number }>('select count(*)::int as n from t');
    release();
    await tx;
    expect(await outside).toEqual([{ n: 2 }]);
    await database.close();
  });

  it('reports database errors with their SQLSTATE', async () => {
    const database = await openDatabase({ image });
    const error = (await database.rows('select * from missing_table').catch((e: unknown) => e)) as {
      code?: string;
    };
    expect(error.code).toBe('42P01');
    await database.close();
  });
});
