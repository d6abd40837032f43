// Where the app's reads and writes go when DATABASE_READ_URL names a streaming replica: the read
// pool answers from a server in recovery (the replica), the primary pool from the primary; the
// registry list and the coverage dashboard, run through their service functions, run on the
// replica (its pg_stat_activity shows the read pool's connections active during each call; a
// write would fail there); and how long a commit on the primary takes to reach the replica.
//
//   DATABASE_URL=postgres://…:5432/gonghui DATABASE_READ_URL='postgres://…:5433/gonghui?application_name=gonghui-read' \
//     node --import tsx scripts/replica-check.ts        (scripts/replica.sh check sets both)
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/platform/config';
import { execute, openDatabase, setDatabase, type Db } from '../src/platform/db/client';
import { systemActor } from '../src/platform/access';
import { PERMISSIONS } from '../src/platform/shared/access-catalog';
import { wireFeatures } from '../src/wiring';
import { listEnterprises } from '../src/enterprises/service';
import { EnterpriseListQuery } from '../src/enterprises/contract';
import { getCoverage } from '../src/coverage/service';
import { CoverageQuery } from '../src/coverage/contract';

const config = loadConfig();
if (!config.databaseUrl || !config.databaseReadUrl) {
  console.error('需要同时设置 DATABASE_URL（主库）和 DATABASE_READ_URL（只读副本）');
  process.exit(2);
}
const database = await openDatabase({ databaseUrl: config.databaseUrl, readUrl: config.databaseReadUrl });
setDatabase(database);
wireFeatures();

const where = async (tx: Db) =>
  (
    await execute<{ replica: boolean; port: number }>(
      tx,
      sql`select pg_is_in_recovery() as replica, inet_server_port() as port`,
    )
  )[0]!;
const read = await database.readTransaction(where);
const write = await database.transaction(where);
console.log(`读（列表与统计）: 端口 ${read.port}，${read.replica ? '只读副本（恢复中）' : '主库'}`);
console.log(`写与会话:         端口 ${write.port}，${write.replica ? '只读副本（恢复中）' : '主库'}`);

const replica = new pg.Client({ connectionString: config.databaseReadUrl });
await replica.connect();
/** The read pool's connections on the replica whose last statement started after `since`. */
const readConnectionsSince = async (since: Date) =>
  (
    await replica.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and query_start >= $1
         and application_name = current_setting('application_name')`,
      [since],
    )
  ).rows[0]!.n;

const actor = systemActor(PERMISSIONS);
const [rootOrg] = await database.rows<{ id: string }>('select id from orgs where parent_id is null limit 1');
let since = new Date(Date.now() - 5);
const page = await listEnterprises(actor, EnterpriseListQuery.parse({ pageSize: 20 }));
console.log(
  `\n企业名录第一页：${page.items.length} 家（共约 ${page.total} 家）；读连接在副本上执行了语句：${await readConnectionsSince(since)} 个`,
);
if (rootOrg) {
  since = new Date(Date.now() - 5);
  const coverage = await getCoverage(actor, CoverageQuery.parse({ orgId: rootOrg.id }));
  console.log(
    `两个普遍统计：${coverage.node.counts.enterprises} 家企业；读连接在副本上执行了语句：${await readConnectionsSince(since)} 个`,
  );
}

// Lag: the time from a commit on the primary until the replica has replayed it.
const lags: number[] = [];
for (let i = 0; i < 20; i++) {
  const [mark] = await database.rows<{ lsn: string }>(
    'select pg_current_wal_lsn()::text as lsn from (select txid_current()) x',
  );
  const started = performance.now();
  for (;;) {
    const { rows } = await replica.query<{ done: boolean }>(
      'select pg_last_wal_replay_lsn() >= $1::pg_lsn as done',
      [mark!.lsn],
    );
    if (rows[0]?.done) break;
    await new Promise((r) => setTimeout(r, 1));
  }
  lags.push(performance.now() - started);
}
lags.sort((x, y) => x - y);
console.log(
  `\n主库提交到副本可见（20 次）：中位 ${lags[10]!.toFixed(1)} ms，最长 ${lags.at(-1)!.toFixed(1)} ms`,
);

await replica.end();
await database.close();
