// Two real app processes on one PostgreSQL database, as docs/deploy.md describes them: started at
// the same moment on an empty database (the migrations run once), a session made on one works on
// the other, an import started on one is followed to its end (with its progress) from the other,
// housekeeping runs in one of them only, and the worklists' daily refresh is done once. The
// embedded database is one process by design, so these tests need a server (TEST_DATABASE_URL);
// CI runs them in its PostgreSQL pass.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPgDatabase, multipartFile } from '../../tests/test-app';
import { NEEDS_POSTGRES, noPostgres } from '../../tests/postgres-only';
import { advanceWorklist } from '../coverage/worklist-store';
import { openDatabase, type Database } from './db/client';
import { runMaintenanceTask } from './maintenance';
import { addDays, addYears, chinaToday } from './shared/dates';
import type { JobView } from './shared/jobs-contract';
import { completeUscc } from './shared/uscc';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SECRET = 'scale-out-shared-secret-'.padEnd(48, 's');
const PASSWORD = 'Scale@2011out';
const ROWS = 3_000;

interface AppProcess {
  name: string;
  url: string;
  child: ChildProcess;
  out: string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The environment of an app process on `databaseUrl`: nothing of the test runner's own. */
function appEnv(databaseUrl: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: SECRET,
    ...extra,
  };
  for (const name of ['TEST_DATABASE_URL', 'DATABASE_READ_URL', 'VITEST', 'NODE_ENV'])
    if (!(name in extra)) delete env[name];
  return env;
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/gonghui.js'), ...args], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** `gonghui start` serving the API only (no web build), with every request and task logged. */
async function startApp(
  name: string,
  databaseUrl: string,
  dataDir: string,
  extra: Record<string, string> = {},
) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin/gonghui.js'), 'start', '--no-demo', '--no-web'],
    {
      cwd: root,
      env: appEnv(databaseUrl, {
        PORT: String(port),
        HOST: '127.0.0.1',
        GONGHUI_DATA_DIR: dataDir,
        GONGHUI_LOG: '1',
        ...extra,
      }),
    },
  );
  const app: AppProcess = { name, url: `http://127.0.0.1:${port}`, child, out: '' };
  child.stdout?.on('data', (d: Buffer) => (app.out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (app.out += d.toString()));
  return app;
}

async function untilUp(app: AppProcess, timeoutMs = 150_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (app.child.exitCode !== null) throw new Error(`${app.name} exited:\n${app.out}`);
    const ok = await fetch(`${app.url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${app.name} did not come up:\n${app.out}`);
}

async function stopApp(app: AppProcess | undefined) {
  if (!app || app.child.exitCode !== null) return;
  const exited = new Promise((resolve) => app.child.once('exit', resolve));
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function call(
  app: AppProcess,
  method: string,
  url: string,
  options: { cookie?: string; json?: unknown } = {},
) {
  const res = await fetch(`${app.url}${url}`, {
    method,
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, res };
}

/** The maintenance outcomes an app process logged, by task. */
function maintenanceLog(app: AppProcess): { task: string; outcome: string }[] {
  return app.out
    .split('\n')
    .filter((line) => line.includes('"maintenance task"'))
    .map((line) => JSON.parse(line) as { task: string; outcome: string });
}

const TASKS = [
  'expired sessions',
  'sign-in failures and addresses',
  'worklists to today',
  'overdue risk reports',
];

describe.skipIf(noPostgres)(`${NEEDS_POSTGRES} two app processes on one PostgreSQL database`, () => {
  let databaseUrl: string;
  let drop: (() => Promise<void>) | undefined;
  let dataDir: string;
  let a: AppProcess | undefined;
  let b: AppProcess | undefined;
  let admin: pg.Client;
  let createdUser: { code: number | null; out: string };
  let cookie = '';

  beforeAll(async () => {
    const created = await createPgDatabase(process.env.TEST_DATABASE_URL!);
    databaseUrl = created.url;
    drop = created.drop;
    dataDir = mkdtempSync(path.join(tmpdir(), 'gonghui-scale-'));
    // Both processes and the command that makes the first user migrate the empty database at once.
    const readUrl = new URL(databaseUrl);
    readUrl.searchParams.set('application_name', 'gonghui-read');
    [a, b] = await Promise.all([
      startApp('A', databaseUrl, dataDir),
      startApp('B', databaseUrl, dataDir, { DATABASE_READ_URL: readUrl.toString() }),
    ]);
    createdUser = await runCli(
      [
        'create-user',
        '--username',
        'admin',
        '--name',
        '管理员',
        '--role',
        'admin',
        '--org',
        '苏州市总工会',
        '--password',
        PASSWORD,
      ],
      appEnv(databaseUrl, { GONGHUI_DATA_DIR: dataDir }),
    );
    await Promise.all([untilUp(a), untilUp(b)]);
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
  }, 240_000);

  afterAll(async () => {
    await Promise.all([stopApp(a), stopApp(b)]);
    await admin?.end();
    await drop?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('three processes migrated the empty database at once, each migration exactly once', async () => {
    expect(createdUser.code, createdUser.out).toBe(0);
    const journal = JSON.parse(readFileSync(path.join(root, 'migrations/meta/_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from schema_migrations');
    expect(rows[0]!.n).toBe(journal.entries.length);
  });

  it('a session made on A works on B, and signing out on B ends it on A', async () => {
    const login = await call(a!, 'POST', '/api/auth/login', {
      json: { username: 'admin', password: PASSWORD },
    });
    expect(login.status, login.text).toBe(200);
    cookie = (login.res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = await call(b!, 'GET', '/api/auth/me', { cookie });
    expect(me.status, me.text).toBe(200);
    expect((me.body.user as { username: string }).username).toBe('admin');

    const other = await call(b!, 'POST', '/api/auth/login', {
      json: { username: 'admin', password: PASSWORD },
    });
    const second = (other.res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await call(a!, 'GET', '/api/auth/me', { cookie: second })).status).toBe(200);
    expect((await call(b!, 'POST', '/api/auth/logout', { cookie: second })).status).toBe(200);
    expect((await call(a!, 'GET', '/api/auth/me', { cookie: second })).status).toBe(401);
    expect((await call(a!, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
  });

  it('an import started on A is followed to its end from B, its progress moving there too', async () => {
    const me = await call(a!, 'GET', '/api/auth/me', { cookie });
    const cityId = (me.body.scope as { id: string }).id;
    const org = (parentId: string, name: string, kind: string) => ({
      parentId,
      name,
      kind,
      divisionCode: null,
      uscc: null,
      shortName: null,
      address: null,
      contactPhone: null,
      sortOrder: 0,
    });
    // Written on one process, used on the other.
    const district = await call(a!, 'POST', '/api/orgs', {
      cookie,
      json: org(cityId, '吴中区总工会', 'districtFederation'),
    });
    expect(district.status, district.text).toBe(200);
    const town = await call(b!, 'POST', '/api/orgs', {
      cookie,
      json: org(district.body.id as string, '长桥街道工会', 'townshipUnion'),
    });
    expect(town.status, town.text).toBe(200);

    const today = chinaToday();
    const lines = [
      '统一社会信用代码,企业名称,所属乡镇(街道),职工人数,经济类型,建会日期,会员人数,集体合同起始日期,集体合同终止日期',
    ];
    for (let i = 0; i < ROWS; i++) {
      const uscc = completeUscc('91320500', `MA${String(100000 + i)}`);
      // Every other enterprise with a union whose contract ends within the year.
      const union =
        i % 2 === 0 ? `2011-06-30,50,${addYears(today, -2)},${addDays(today, 100 + (i % 200))}` : ',,,';
      lines.push(`${uscc},苏州扩容测试${i}有限公司,长桥街道,${60 + (i % 500)},私营,${union}`);
    }
    const file = multipartFile('名单.csv', lines.join('\r\n'));
    const started = await fetch(`${a!.url}/api/enterprises/imports`, {
      method: 'POST',
      headers: { ...file.headers, cookie },
      body: new Uint8Array(file.payload),
    });
    const startedText = await started.text();
    expect(started.status, startedText).toBe(200);
    let job = JSON.parse(startedText) as JobView;
    const seen: JobView[] = [];
    const until = Date.now() + 180_000;
    while (job.state === 'running' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      const polled = await call(b!, 'GET', `/api/jobs/${job.id}`, { cookie });
      expect(polled.status, polled.text).toBe(200);
      job = polled.body as unknown as JobView;
      seen.push(job);
    }
    expect(job.state, JSON.stringify(job)).toBe('succeeded');
    expect(job.result).toMatchObject({ committed: true, rows: ROWS, created: ROWS });
    // B runs no part of the job: what it showed while the job ran came from the job's row.
    const moving = seen.filter((j) => j.state === 'running' && j.progress > 0);
    expect(moving.length, JSON.stringify(seen.slice(0, 5))).toBeGreaterThan(0);

    // B's lists read through its read pool (here on the same database: no lag to wait for).
    const list = await call(b!, 'GET', '/api/enterprises?pageSize=1&exactTotal=true', { cookie });
    expect(list.status, list.text).toBe(200);
    expect(list.body.total).toBe(ROWS);
    const { rows } = await admin.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'gonghui-read'`,
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
  }, 240_000);

  it('housekeeping ran in one process only: the other found it running or done', async () => {
    const until = Date.now() + 60_000;
    while (
      Date.now() < until &&
      (maintenanceLog(a!).length < TASKS.length || maintenanceLog(b!).length < TASKS.length)
    )
      await new Promise((r) => setTimeout(r, 250));
    for (const task of TASKS) {
      const outcomes = [a!, b!].map((p) => maintenanceLog(p).find((l) => l.task === task)?.outcome);
      expect(
        outcomes.filter((o) => o === 'ran'),
        `${task}: ${outcomes.join(', ')}`,
      ).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'busy' || o === 'recent')).toHaveLength(1);
    }
    const { rows } = await admin.query<{ task: string; runs: number }>(
      'select task, runs from maintenance_runs order by task',
    );
    expect(rows).toEqual([...TASKS].sort().map((task) => ({ task, runs: 1 })));
  }, 90_000);

  describe('called at the same moment from two connections', () => {
    let one: Database;
    let two: Database;
    beforeAll(async () => {
      [one, two] = await Promise.all([openDatabase({ databaseUrl }), openDatabase({ databaseUrl })]);
    });
    afterAll(async () => {
      await one?.close();
      await two?.close();
    });

    it('a housekeeping task runs once; within its period it is not run again unless forced', async () => {
      let runs = 0;
      const task = {
        name: 'test: slow task',
        run: async () => {
          runs += 1;
          await new Promise((r) => setTimeout(r, 1000));
        },
      };
      const everyMs = 3600_000;
      const outcomes = await Promise.all([
        runMaintenanceTask(one, task, { everyMs }),
        runMaintenanceTask(two, task, { everyMs }),
      ]);
      // The second finds it running ('busy'), or, on a slow machine, just done ('recent').
      expect(
        outcomes.filter((o) => o === 'ran'),
        outcomes.join(', '),
      ).toHaveLength(1);
      expect(runs).toBe(1);
      expect(await runMaintenanceTask(two, task, { everyMs })).toBe('recent');
      expect(await runMaintenanceTask(two, task, { everyMs, force: true })).toBe('ran');
      expect(runs).toBe(2);
    });

    it("the worklists' daily refresh is done by one connection; the other finds the day done", async () => {
      // A day when the imported contracts have ended: the refresh has rows to recompute.
      const day = addYears(chinaToday(), 1);
      const done = await Promise.all([
        one.transaction((tx) => advanceWorklist(tx, day)),
        two.transaction((tx) => advanceWorklist(tx, day)),
      ]);
      expect(
        done.filter((n) => n > 0),
        done.join(', '),
      ).toHaveLength(1);
      expect(done.filter((n) => n === 0)).toHaveLength(1);
      const { rows } = await admin.query<{ day: string }>(
        'select day::text as day from coverage_worklist_state',
      );
      expect(rows).toEqual([{ day }]);
    });
  });
});
