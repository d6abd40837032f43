// The read endpoints under load on a registry already seeded (a million enterprises): requests per
// second, p50 and p99 under 20 connections for 10 s a target (autocannon, loopback), as the city
// and as a district, beside a bare Fastify route of the same server and beside each endpoint's
// main SQL run alone through the app's database client (/bench/sql/<name>): the ratio of an
// endpoint's throughput to its SQL's is what the app adds (session, access, the other statements,
// presenting, JSON). Then one client's latency: p50 and p95 of 50 requests one after another.
//
// The database is opened by a server child process, exactly as `npm start` does (the app, its
// worker thread for PGlite), with the bench routes added; autocannon runs in this process.
//
//   npx gonghui seed demo --enterprises 1000000                  (into GONGHUI_DATA_DIR or DATABASE_URL)
//   GONGHUI_DATA_DIR=/path/to/folder npm run bench:load          PGlite (no server may hold the folder)
//   DATABASE_URL=postgres://user:pass@host/db npm run bench:load  PostgreSQL
//   npm run bench:load -- --data-dir /path/to/folder --database-url postgres://…   both, in one run
//
// With DATABASE_READ_URL set, the PostgreSQL server reads lists and dashboards on that replica
// (scripts/replica.sh bench).
//
// Options: --duration 10 (seconds a target), --connections 20, --sequential 50 (requests of the
// one-client pass), --only <text> (targets whose name contains it), --no-write (print only; without
// it the section "Load on the read endpoints" of bench/RESULTS.md is written).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { openDatabase, setDatabase, db } from '../src/platform/db/client';
import { migrate } from '../src/platform/db/migrate';
import { wireFeatures } from '../src/wiring';
import { buildApp } from '../src/app';
import { actorByName } from '../src/orgs/setup';
import type { Actor } from '../src/platform/access';
import { chinaToday } from '../src/platform/shared/dates';
import { buildTsQuery } from '../src/platform/search';
import { DEMO_PASSWORD } from '../src/orgs/demo';
import { EnterpriseListQuery } from '../src/enterprises/contract';
import { enterpriseFilter, listOrder } from '../src/enterprises/service';
import { enterprises } from '../src/enterprises/tables';
import { coverageListSource, ruleFor } from '../src/coverage/service';
import { alertCondition, alertDueColumn } from '../src/coverage/alert-conditions';
import { seriesCounts } from '../src/coverage/series-store';
import {
  countKey,
  priorityPage,
  unevaluatedCount,
  worklistCounts,
  worklistOf,
} from '../src/coverage/worklist-store';
import { ALERT_KINDS, DEFAULT_WITHIN_DAYS, isContractAlert } from '../src/coverage/alerts-contract';
import { CoverageListQuery, type DenominatorRule } from '../src/coverage/contract';
import { machine, percentile, writeSection } from './lib';

/** The users: the city federation's staff (the whole city) and a district's (its subtree). */
const USERS = { city: 'city', district: 'wuzhong' } as const;
type Who = keyof typeof USERS;

interface Scope {
  actor: Actor;
  path: string;
  today: string;
  rule: DenominatorRule;
}

const LIST = { page: '1', pageSize: '20' };
const FILTERED = { ...LIST, ownership: 'private', hasUnion: 'false' };
const SEARCH_WORDS = '工会';

/** The keys the alerts summary reads, one statement each (as getAlertSummary does). */
const ALERT_KEYS = ALERT_KINDS.flatMap((kind) =>
  isContractAlert(kind)
    ? [countKey.alert(kind, 'expiring'), countKey.alert(kind, 'expired')]
    : kind === 'memberEvaluation'
      ? []
      : [countKey.alert(kind)],
);

async function enterprisePage(actor: Actor, params: Record<string, string>) {
  const query = EnterpriseListQuery.parse(params);
  const condition = await enterpriseFilter(db.readOrm, actor, query);
  return db.readOrm
    .select()
    .from(enterprises)
    .where(condition)
    .orderBy(...listOrder(query))
    .limit(query.pageSize + 1);
}

/**
 * The endpoints under load, each with its main SQL: the statements that fetch what it answers,
 * run alone (no session, no access check, no presenting). Where the service exports the function
 * the endpoint runs, it is called, so the SQL follows the service; when an endpoint's SQL moves,
 * change its `sql` here.
 */
const ENDPOINTS: {
  name: string;
  url: string;
  sql: (scope: Scope) => Promise<unknown>;
}[] = [
  {
    name: 'enterprise list, first page',
    url: `/api/enterprises?${new URLSearchParams(LIST)}`,
    sql: ({ actor }) => enterprisePage(actor, LIST),
  },
  {
    name: 'enterprise list, private without a union',
    url: `/api/enterprises?${new URLSearchParams(FILTERED)}`,
    sql: ({ actor }) => enterprisePage(actor, FILTERED),
  },
  {
    name: 'coverage',
    url: '/api/coverage',
    sql: ({ path, today, rule }) => seriesCounts(db.readOrm, path, today, rule),
  },
  ...[1, 2, 3].map((category) => ({
    name: `three categories, category ${category}`,
    url: `/api/coverage/priority?category=${category}&page=1&pageSize=20`,
    sql: ({ path }: Scope) => priorityPage(db.readOrm, path, { category }, { limit: 20, offset: 0 }),
  })),
  {
    name: 'alerts summary',
    url: '/api/coverage/alerts/summary',
    sql: async ({ path, today }) => {
      for (const key of ALERT_KEYS) await worklistCounts(db.readOrm, path, [key]);
      return unevaluatedCount(db.readOrm, path, Number(today.slice(0, 4)));
    },
  },
  {
    name: 'alerts list, collective contracts',
    url: '/api/coverage/alerts?kind=collectiveContract&page=1&pageSize=20',
    sql: ({ path, today }) => {
      const w = { today, withinDays: DEFAULT_WITHIN_DAYS };
      const due = alertDueColumn('collectiveContract');
      return db.readOrm.execute(sql`
        select d.id from ${worklistOf(path)}
        where ${alertCondition('collectiveContract', undefined, w)}
        order by ${due} asc nulls last, d.last_evaluation_year asc nulls first, d.employees desc nulls last, d.id
        limit 20`);
    },
  },
  {
    name: 'enterprises behind a count (not unionised)',
    url: '/api/coverage/enterprises?measure=notUnionised&page=1&pageSize=20',
    sql: async ({ actor }) => {
      const query = CoverageListQuery.parse({ measure: 'notUnionised' });
      const source = await coverageListSource(db.readOrm, actor, query);
      return db.readOrm.execute(
        sql`select s.id from (${source.asOf}) s where ${source.condition} order by s.id limit 20`,
      );
    },
  },
  {
    name: 'bulletin search',
    url: `/api/bulletin/search?q=${encodeURIComponent(SEARCH_WORDS)}`,
    sql: ({ path }) =>
      db.readOrm.execute(sql`
        select d.source, d.source_id from bulletin_search_docs d
          join bulletin_search_tokens t on t.source = d.source and t.source_id = d.source_id
           and t.tokens @@ to_tsquery('simple', ${buildTsQuery(SEARCH_WORDS)})
         where d.org_path like ${path + '%'}
         order by d.at desc limit 20`),
  },
];

interface ServeOptions {
  dataDir?: string;
  databaseUrl?: string;
}

/** The server child: the app on the database, with the bench routes, on a free loopback port. */
async function serve(options: ServeOptions): Promise<void> {
  wireFeatures();
  // A replica for the reads (DATABASE_READ_URL), as the app takes it, only beside PostgreSQL.
  const readUrl = options.databaseUrl ? process.env.DATABASE_READ_URL || undefined : undefined;
  const database = await openDatabase({ ...options, readUrl });
  setDatabase(database);
  await migrate(database);
  const app = await buildApp({
    database,
    sessionSecret: 'bench-load-session-secret-'.padEnd(48, 'x'),
    webRoot: null,
  });
  const today = chinaToday();
  const rule = await ruleFor(db.orm, Number(today.slice(0, 4)));
  const scopes = new Map<string, Scope>();
  for (const [who, username] of Object.entries(USERS)) {
    const actor = await actorByName(username);
    scopes.set(who, { actor, path: actor.scopePath, today, rule });
  }
  // The bare routes: a Fastify of their own in the same process (the same event loop and database
  // client, none of the app's hooks), on a port of their own.
  const bare = Fastify();
  bare.get('/bench/hello', () => ({ hello: 'world' }));
  bare.get<{ Params: { index: string }; Querystring: { who: string } }>(
    '/bench/sql/:index',
    async (request) => {
      const endpoint = ENDPOINTS[Number(request.params.index)];
      const scope = scopes.get(request.query.who);
      if (!endpoint || !scope) throw new Error('no such bench target');
      await endpoint.sql(scope);
      return { ok: true };
    },
  );
  const [counts] = await database.rows<{ enterprises: number; facts: number }>(
    `select (select count(*) from enterprises)::int as enterprises,
            (select reltuples::int8 from pg_class where relname = 'enterprise_facts') as facts`,
  );
  const portOf = (server: typeof app.server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  };
  await app.listen({ host: '127.0.0.1', port: 0 });
  await bare.listen({ host: '127.0.0.1', port: 0 });
  console.log(JSON.stringify({ port: portOf(app.server), barePort: portOf(bare.server), ...counts }));
  const stop = async () => {
    await bare.close();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

interface Server {
  url: string;
  bareUrl: string;
  enterprises: number;
  facts: number;
  child: ChildProcess;
}

async function startServer(args: string[]): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (!line.startsWith('{')) continue;
    const ready = JSON.parse(line) as { port: number; barePort: number; enterprises: number; facts: number };
    return {
      url: `http://127.0.0.1:${ready.port}`,
      bareUrl: `http://127.0.0.1:${ready.barePort}`,
      enterprises: ready.enterprises,
      facts: ready.facts,
      child,
    };
  }
  throw new Error('the bench server ended before it listened');
}

async function stopServer(server: Server) {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

/** Signs in through the API; the session cookie to send. */
async function signIn(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`${username} could not sign in: ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('gonghui_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

interface Target {
  name: string;
  kind: 'hello' | 'sql' | 'endpoint';
  who: Who | null;
  path: string;
  /** The bare SQL target of an endpoint target. */
  sqlOf?: string;
}

function targetsFor(only: string | undefined): Target[] {
  const out: Target[] = [{ name: 'bare Fastify route', kind: 'hello', who: null, path: '/bench/hello' }];
  for (const [index, e] of ENDPOINTS.entries()) {
    for (const who of Object.keys(USERS) as Who[]) {
      const sqlName = `${e.name}: SQL alone`;
      out.push({ name: sqlName, kind: 'sql', who, path: `/bench/sql/${index}?who=${who}` });
      out.push({ name: e.name, kind: 'endpoint', who, path: e.url, sqlOf: sqlName });
    }
  }
  return only ? out.filter((t) => t.kind === 'hello' || t.name.includes(only)) : out;
}

interface LoadResult {
  target: Target;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
}

async function load(
  url: string,
  target: Target,
  cookie: string | null,
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const result = await autocannon({
    url: url + target.path,
    connections,
    duration: seconds,
    headers: cookie ? { cookie } : {},
  });
  return {
    target,
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors,
  };
}

/** One client, one request after another: the latencies in milliseconds. */
async function sequential(url: string, cookie: string | null, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: cookie ? { cookie } : {} });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    out.push(performance.now() - started);
  }
  return out;
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

interface EngineRun {
  engine: string;
  server: Server;
  loads: LoadResult[];
  single: { target: Target; p50: number; p95: number }[];
}

async function runEngine(
  engine: string,
  args: string[],
  options: { seconds: number; connections: number; sequentialRuns: number; only?: string },
): Promise<EngineRun> {
  console.log(`\n${engine}: starting the server…`);
  const server = await startServer(args);
  try {
    console.log(
      `${engine}: ${server.enterprises.toLocaleString('en')} enterprises, about ${server.facts.toLocaleString('en')} facts`,
    );
    const cookies: Record<Who, string> = {
      city: await signIn(server.url, USERS.city),
      district: await signIn(server.url, USERS.district),
    };
    const targets = targetsFor(options.only);
    const cookieOf = (t: Target) => (t.kind === 'endpoint' && t.who ? cookies[t.who] : null);
    const baseOf = (t: Target) => (t.kind === 'endpoint' ? server.url : server.bareUrl);
    // Every target answers before anything is timed (and is warm).
    for (const t of targets) await sequential(baseOf(t) + t.path, cookieOf(t), 3);

    const single: EngineRun['single'] = [];
    for (const t of targets.filter((x) => x.kind !== 'hello')) {
      const times = await sequential(baseOf(t) + t.path, cookieOf(t), options.sequentialRuns);
      single.push({ target: t, p50: percentile(times, 50), p95: percentile(times, 95) });
      console.log(
        `  one client  ${t.who?.padEnd(8) ?? ''} ${t.name.padEnd(48)} p50 ${ms(percentile(times, 50))} ms`,
      );
    }

    const loads: LoadResult[] = [];
    for (const t of targets) {
      const r = await load(baseOf(t), t, cookieOf(t), options.seconds, options.connections);
      loads.push(r);
      console.log(
        `  ${options.connections} conns  ${t.who?.padEnd(8) ?? ''.padEnd(8)} ${t.name.padEnd(48)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms${r.failed ? `  FAILED ${r.failed}` : ''}`,
      );
    }
    return { engine, server, loads, single };
  } finally {
    await stopServer(server);
  }
}

function report(
  runs: EngineRun[],
  options: { seconds: number; connections: number; sequentialRuns: number },
) {
  const parts: string[] = [];
  const date = new Date().toISOString().slice(0, 10);
  parts.push(`Machine: ${machine()} (Debian 12). Date: ${date}. Loopback; autocannon in the driving process,
the app in a server process of its own, started as \`npm start\` starts it (PGlite in its worker thread, or a
pool of 10 connections to the local PostgreSQL 15 with its default settings). ${options.connections} connections,
${options.seconds} s a target after a warm-up; "SQL alone" is the endpoint's main SQL through the app's database
client behind a bare route (no session, access check or presenting; see \`ENDPOINTS\` in bench/load.ts), and
"÷ SQL" the endpoint's throughput over it. The city user (\`city\`) sees the whole city, the district user
(\`wuzhong\`) 吴中区's subtree. Bulletin search runs over the demo's few bulletin items.`);
  for (const run of runs) {
    const sqlRps = new Map(
      run.loads
        .filter((l) => l.target.kind === 'sql')
        .map((l) => [`${l.target.who}:${l.target.name}`, l.rps]),
    );
    const rows = run.loads.map((l) => {
      const base = l.target.sqlOf ? sqlRps.get(`${l.target.who}:${l.target.sqlOf}`) : undefined;
      const ratio = base ? `${((100 * l.rps) / base).toFixed(0)} %` : '';
      return `| ${l.target.name} | ${l.target.who ?? ''} | ${l.rps.toFixed(0)} | ${ms(l.p50)} | ${ms(l.p99)} | ${ratio} |${l.failed ? ` ${l.failed} failed |` : ''}`;
    });
    parts.push(`### ${run.engine}: ${run.server.enterprises.toLocaleString('en')} enterprises, ${options.connections} connections

| target | user | req/s | p50 ms | p99 ms | ÷ SQL |
| --- | --- | ---: | ---: | ---: | ---: |
${rows.join('\n')}`);
    const single = run.single
      .filter((s) => s.target.kind === 'endpoint')
      .map((s) => {
        const bare = run.single.find(
          (b) => b.target.who === s.target.who && b.target.name === s.target.sqlOf,
        );
        return `| ${s.target.name} | ${s.target.who} | ${ms(s.p50)} | ${ms(s.p95)} | ${bare ? ms(bare.p50) : ''} |`;
      });
    parts.push(`### ${run.engine}: one client, ${options.sequentialRuns} requests one after another

| endpoint | user | p50 ms | p95 ms | SQL alone p50 ms |
| --- | --- | ---: | ---: | ---: |
${single.join('\n')}`);
  }
  return parts.join('\n\n');
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '20' },
      sequential: { type: 'string', default: '50' },
      only: { type: 'string' },
      'no-write': { type: 'boolean' },
    },
  });
  if (positionals[0] === 'serve') {
    await serve({ dataDir: values['data-dir'], databaseUrl: values['database-url'] });
    return;
  }
  const dataDir = values['data-dir'] ?? (values['database-url'] ? undefined : process.env.GONGHUI_DATA_DIR);
  const databaseUrl = values['database-url'] ?? (values['data-dir'] ? undefined : process.env.DATABASE_URL);
  const engines: [string, string[]][] = [];
  if (dataDir) engines.push(['PGlite', ['--data-dir', dataDir]]);
  if (databaseUrl) engines.push(['PostgreSQL', ['--database-url', databaseUrl]]);
  if (!engines.length) {
    console.error('Name a seeded database: GONGHUI_DATA_DIR, DATABASE_URL, --data-dir or --database-url.');
    process.exitCode = 2;
    return;
  }
  const options = {
    seconds: Number(values.duration),
    connections: Number(values.connections),
    sequentialRuns: Number(values.sequential),
    only: values.only,
  };
  const runs: EngineRun[] = [];
  for (const [engine, args] of engines) runs.push(await runEngine(engine, args, options));
  const body = report(runs, options);
  console.log(`\n${body}`);
  if (!values['no-write']) writeSection('Load on the read endpoints (bench/load.ts)', body);
}

await main();
