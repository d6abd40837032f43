// The read pool: lists and dashboards go to the replica's pool, sessions and writes to the
// primary, and a read transaction cannot write. Both pools are recorded; on PGlite they share the
// one embedded database (the routing is the same code), on PostgreSQL the read pool is a second,
// read-only pool on the test database, as it would be on a replica.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../app';
import {
  PASSWORD,
  buildEnterprise,
  buildOrg,
  buildUscc,
  buildUser,
  createPgDatabase,
  json,
  loginAs,
  type Client,
  type TestContext,
} from '../../../tests/test-app';
import { NEEDS_POSTGRES, noPostgres } from '../../../tests/postgres-only';
import { Database } from './client';
import { migrate } from './migrate';
import { PgEngine } from './pg-engine';
import { PgliteEngine } from './pglite-engine';
import type { Engine, Executor, QueryResult, RowMode, TransactionOptions } from './types';

/** An engine that notes every statement it runs, and whether its transactions were read-only. */
class Recording implements Engine {
  statements: string[] = [];
  constructor(private readonly inner: Engine) {}
  get kind() {
    return this.inner.kind;
  }
  private note(sql: string) {
    this.statements.push(sql.replace(/\s+/g, ' '));
  }
  query(sql: string, params: unknown[], rowMode: RowMode): Promise<QueryResult> {
    this.note(sql);
    return this.inner.query(sql, params, rowMode);
  }
  copyFrom(table: string, columns: string[], csv: string): Promise<number> {
    this.note(`copy ${table}`);
    return this.inner.copyFrom(table, columns, csv);
  }
  transaction<T>(fn: (tx: Executor) => Promise<T>, options?: TransactionOptions): Promise<T> {
    this.note(options?.readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
    return this.inner.transaction(
      (tx) =>
        fn({
          query: (sql, params, rowMode) => {
            this.note(sql);
            return tx.query(sql, params, rowMode);
          },
          copyFrom: (table, columns, csv) => {
            this.note(`copy ${table}`);
            return tx.copyFrom(table, columns, csv);
          },
        }),
      options,
    );
  }
  exec(script: string): Promise<void> {
    return this.inner.exec(script);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const ctx = {} as TestContext;
let primary: Recording;
let reader: Recording;
let drop: (() => Promise<void>) | undefined;
let admin: Client;

beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const created = await createPgDatabase(serverUrl);
    drop = created.drop;
    primary = new Recording(await PgEngine.open(created.url));
    reader = new Recording(await PgEngine.open(created.url, 4, true));
  } else {
    const embedded = await PgliteEngine.open(undefined);
    primary = new Recording(embedded);
    reader = new Recording(embedded);
  }
  ctx.database = new Database(primary, reader);
  ctx.engine = ctx.database.kind;
  await migrate(ctx.database);
  ctx.app = await buildApp({
    database: ctx.database,
    sessionSecret: 'read-pool-'.padEnd(40, 'x'),
    webRoot: null,
  });
  const town = await buildOrg({ parent: await buildOrg({ name: '吴中区总工会' }), name: '长桥街道工会' });
  await buildEnterprise({ org: town, name: '苏州读库科技有限公司' });
  admin = await loginAs(ctx, await buildUser({ role: 'admin', username: 'reader_admin' }), PASSWORD);
});

afterAll(async () => {
  await ctx.app?.close();
  await ctx.database?.close();
  await drop?.();
});

function reset() {
  primary.statements = [];
  reader.statements = [];
}

const touchesSessions = (statements: string[]) => statements.some((s) => /"?sessions"?/.test(s));

describe('the read pool', () => {
  it.each([
    ['/api/enterprises?pageSize=5'],
    ['/api/coverage'],
    ['/api/coverage/trend'],
    ['/api/coverage/enterprises?measure=enterprises'],
    ['/api/coverage/priority'],
    ['/api/coverage/alerts/summary'],
    ['/api/coverage/alerts?kind=electionOverdue'],
    ['/api/bulletin/search?q=企业'],
  ])('GET %s reads on the read pool; the session is looked up on the primary', async (url) => {
    reset();
    const res = await admin.get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(reader.statements.length, url).toBeGreaterThan(0);
    expect(touchesSessions(reader.statements)).toBe(false);
    expect(touchesSessions(primary.statements)).toBe(true);
    // Every transaction on the read pool was read-only (single statements are too on a replica).
    expect(reader.statements.filter((s) => s.startsWith('BEGIN')).every((s) => s === 'BEGIN READ ONLY')).toBe(
      true,
    );
  });

  it('a write and its answer stay on the primary', async () => {
    const town = await buildOrg({ parent: await buildOrg(), name: '越溪街道工会' });
    reset();
    const res = await admin.post('/api/enterprises', {
      uscc: buildUscc('91'),
      name: '苏州主库制造有限公司',
      orgId: town.id,
      address: null,
      ownership: 'private',
      industry: null,
      employees: 80,
      aboveDesignatedSize: null,
      global500: null,
      status: 'operating',
      registeredOn: '2010-05-01',
      closedOn: null,
      note: null,
      jointUnionOrgId: null,
      jointUnionFrom: null,
      unionUscc: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(reader.statements).toEqual([]);
    expect(primary.statements.some((s) => /insert into "enterprises"/i.test(s))).toBe(true);
    // Who is signed in is read on the primary: a session just made must be found at once.
    reset();
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
    expect(reader.statements).toEqual([]);
  });

  it('a read transaction cannot write, with or without a replica', async () => {
    const error = await ctx.database
      .readTransaction((tx) =>
        tx.execute(
          sql`insert into login_failures (id, username, ip) values (gen_random_uuid(), 'x', '1.1.1.1')`,
        ),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ cause: { code: '25006' } }); // read_only_sql_transaction
    expect(json(await admin.get('/api/enterprises?pageSize=1'))).toHaveProperty('items');
  });

  // The read pool's sessions are read-only on a server (default_transaction_read_only), so even a
  // single statement outside a transaction cannot write through it; PGlite has no separate pool.
  it.skipIf(noPostgres)(`${NEEDS_POSTGRES} the read pool of a server refuses any write`, async () => {
    const error = await ctx.database.readOrm
      .execute(sql`insert into login_failures (id, username, ip) values (gen_random_uuid(), 'x', '1.1.1.1')`)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ cause: { code: '25006' } });
  });
});
