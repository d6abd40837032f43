import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client';

let database: Database;
const table = `copy_probe_${process.pid}`;
beforeAll(async () => {
  database = await openDatabase(
    process.env.TEST_DATABASE_URL ? { databaseUrl: process.env.TEST_DATABASE_URL } : {},
  );
  await database.rows(`drop table if exists ${table}`);
  await database.rows(`create table ${table} (n int, t text, d date)`);
});
afterAll(async () => {
  await database.rows(`drop table if exists ${table}`);
  await database.close();
});

describe('COPY', () => {
  it('loads CSV with quotes, commas, newlines and Chinese, and NULLs', async () => {
    const csv = '1,"苏州,工会",2011-06-30\n2,"说""明""\n第二行",\n3,,2012-01-01\n';
    expect(await database.copyFrom(table, ['n', 't', 'd'], csv)).toBe(3);
    expect(await database.rows(`select n, t, d from ${table} order by n`)).toEqual([
      { n: 1, t: '苏州,工会', d: '2011-06-30' },
      { n: 2, t: '说"明"\n第二行', d: null },
      { n: 3, t: null, d: '2012-01-01' },
    ]);
  });

  it('inside a transaction a failure rolls the copied rows back', async () => {
    await database.rows(`delete from ${table}`);
    await expect(
      database.transaction(async (_tx, raw) => {
        await raw.copyFrom(table, ['n', 't', 'd'], '7,x,2011-01-01\n');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await database.rows(`select count(*)::int as c from ${table}`)).toEqual([{ c: 0 }]);
    await expect(database.copyFrom(table, ['n', 't', 'd'], 'x,y,z\n')).rejects.toMatchObject({
      code: '22P02',
    });
  });
});
