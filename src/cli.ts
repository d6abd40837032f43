// `npx gonghui <command>`: the operator's commands. Commands that open the database take the
// data folder's lock, so they refuse to run beside a server that owns the same PGlite folder.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './platform/config';
import { setClockOffset } from './platform/clock';
import { openDatabase, setDatabase, type Database } from './platform/db/client';
import { migrate } from './platform/db/migrate';
import { DataDirLockedError } from './platform/db/lock';
import { systemActor } from './platform/access';
import {
  PERMISSIONS,
  ROLES,
  DEPARTMENTS,
  type Role,
  type Department,
} from './platform/shared/access-catalog';
import { AppError } from './platform/errors';
import { wireFeatures } from './wiring';
import { DEMO_PASSWORD, DEMO_USERS } from './orgs/demo';
import { DEFAULT_DEMO_ENTERPRISES, seedDemo } from './demo';
import { hasAnyOrg, createFirstAdmin } from './orgs/setup';
import { failInterruptedJobs, getJob, liveJobProgress, startJob } from './platform/jobs';
import { configureFiles } from './platform/files';
import {
  discardUnfinishedImports,
  importEnterprises,
  reportPath,
  type ImportResult,
} from './enterprises/import/service';
import { actorByName } from './orgs/setup';
import { buildSeries } from './coverage/series-store';
import { buildWorklist } from './coverage/worklist-store';
import { importLegacyBulletin } from './bulletin/archive';
import { reindexAll } from './bulletin/search';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `Gonghui 工会工作平台

用法: npx gonghui <命令> [选项]

命令:
  start                 启动服务（需要时先构建网页；迁移数据库；空库时写入演示数据）
      --no-demo         空库时不写入演示数据
      --no-web          不构建也不提供网页，只提供 API（网页由反向代理直接提供时）
  migrate               应用数据库迁移
  seed demo [--enterprises N]
                        在空库中写入演示城市（组织树、演示账号和 N 家企业，默认 20000）
  import enterprises FILE [--dry-run] [--as 用户名]
                        从 xlsx/csv 导入企业名单（全部成功才写入；--dry-run 只校验）；
                        有错误时退出码为 1 并给出错误明细文件路径
  bulletin import FILE [--series 名称] [--year N] [--number N] [--as 用户名]
                        把一期往期简报（.txt 或 .docx）导入为历史存档，输出新期次的 id；
                        未给出的简报名称、年份、期号从报头（年份也可从文件名）读取
  bulletin reindex      重建信息检索的全文索引（全部稿件和历史存档、已出刊简报的信息）
  coverage rebuild      重建两个普遍统计缓存与三类企业、到期提醒工作清单（从企业事项重新计算）
  create-user           创建用户（空库时同时创建根组织“市总工会”）
      --username NAME --name 姓名 --role ROLE [--department DEPT]
      [--org 组织名称] [--password 密码]（不给密码时从终端读取）
  help                  显示本帮助

角色 ROLE: ${ROLES.join(', ')}
部门 DEPT: ${DEPARTMENTS.join(', ')}

配置（环境变量）: PORT, HOST, DATABASE_URL, DATABASE_READ_URL, GONGHUI_DATA_DIR, SESSION_SECRET
`;

async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  setClockOffset(config.clockOffsetMs);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  setDatabase(database);
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules') continue;
      newest = Math.max(newest, newestMtime(full));
    } else if (/\.(tsx?|css|html)$/.test(entry.name)) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** Builds the web app when the build is missing or older than its sources. */
function ensureWebBuilt() {
  const built = path.join(root, 'dist/web/index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  // The build's own configuration and plugins count too: a build without precompressed files
  // would otherwise be served until some page changed.
  const sources = Math.max(
    newestMtime(path.join(root, 'src')),
    newestMtime(path.join(root, 'scripts')),
    statSync(path.join(root, 'index.html')).mtimeMs,
    statSync(path.join(root, 'vite.config.ts')).mtimeMs,
  );
  if (builtAt >= sources) return;
  console.log('正在构建网页（首次启动约需一分钟）……');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
      // Always the production build: a start from a test run (NODE_ENV=test) would otherwise get
      // React's and antd's development build, whose generated element ids all read "test-id".
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}

/**
 * Progress lines of a long command: each step on a line of its own, and a running count rewritten
 * in place on a terminal (in a log, the caller prints it now and then instead).
 */
function progressPrinters(): [print: (line: string) => void, live?: (line: string) => void] {
  if (!process.stdout.isTTY) return [(line) => console.log(line)];
  let open = false;
  return [
    (line) => {
      if (open) process.stdout.write('\n');
      open = false;
      console.log(line);
    },
    (line) => {
      process.stdout.write(`\r${line}`);
      open = true;
    },
  ];
}

function printDemoLogins(url: string) {
  console.log(`\n演示账号（密码均为 ${DEMO_PASSWORD}）：`);
  for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(14)} ${u.label}`);
  console.log(`\n请用浏览器打开 ${url}\n`);
}

async function start(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'no-demo': { type: 'boolean' }, 'no-web': { type: 'boolean' } },
  });
  const config = loadConfig();
  setClockOffset(config.clockOffsetMs);
  if (config.clockOffsetMs)
    console.log(`应用时钟比系统时间快 ${config.clockOffsetMs / 3600_000} 小时（GONGHUI_CLOCK_OFFSET_HOURS）`);
  const web = !values['no-web'];
  if (web) ensureWebBuilt();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    readUrl: config.databaseReadUrl,
    dataDir: config.dataDir,
  });
  setDatabase(database);
  await migrate(database);
  let seeded = false;
  if (!values['no-demo'] && !(await hasAnyOrg())) {
    console.log(`空数据库：正在写入演示数据（组织体系与 ${DEFAULT_DEMO_ENTERPRISES} 家企业）……`);
    await seedDemo(DEFAULT_DEMO_ENTERPRISES, ...progressPrinters());
    seeded = true;
  }
  const interrupted = await failInterruptedJobs();
  if (interrupted) console.log(`${interrupted} 个上次未完成的任务已标记为中断（未写入任何数据）`);
  await discardUnfinishedImports();
  const { buildApp } = await import('./app');
  const app = await buildApp({
    database,
    sessionSecret: config.sessionSecret,
    sessionTtlHours: config.sessionTtlHours,
    logger: process.env.GONGHUI_LOG === '1',
    secureCookies: process.env.COOKIE_SECURE === '1',
    filesDir: path.join(config.dataDir, 'files'),
    trustProxy: process.env.TRUST_PROXY === '1',
    ...(web ? {} : { webRoot: null }),
  });
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const engine = config.databaseUrl
    ? `PostgreSQL${config.databaseReadUrl ? '，列表与统计读只读副本' : ''}`
    : `PGlite，数据目录 ${config.dataDir}`;
  console.log(`Gonghui 已启动：${url}（数据库：${engine}）${web ? '' : '，只提供 API'}`);
  if (seeded || (await hasDemoUsers())) printDemoLogins(url);
  await new Promise(() => undefined); // keep serving until a signal arrives
  return 0;
}

async function hasDemoUsers(): Promise<boolean> {
  const { findUserByName } = await import('./orgs/setup');
  return (await findUserByName('wuzhong')) !== null;
}

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question('密码: ');
  } finally {
    rl.close();
  }
}

async function createUserCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'admin' },
      department: { type: 'string' },
      org: { type: 'string' },
      password: { type: 'string' },
    },
  });
  if (!values.username) throw new AppError(400, 'USAGE', '请用 --username 指定用户名');
  if (!ROLES.includes(values.role as Role)) throw new AppError(400, 'USAGE', `角色须为：${ROLES.join(', ')}`);
  if (values.department && !DEPARTMENTS.includes(values.department as Department)) {
    throw new AppError(400, 'USAGE', `部门须为：${DEPARTMENTS.join(', ')}`);
  }
  const password = values.password ?? (await readPassword());
  const config = loadConfig();
  return withDatabase(config, async () => {
    const user = await createFirstAdmin({
      username: values.username!,
      displayName: values.name ?? values.username!,
      role: values.role as Role,
      department: (values.department as Department | undefined) ?? null,
      orgName: values.org,
      password,
    });
    console.log(`已创建用户 ${user.username}（${user.org.name}）`);
    return 0;
  });
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, as: { type: 'string' } },
  });
  const [what, file] = positionals;
  if (what !== 'enterprises' || !file) {
    console.error('用法: npx gonghui import enterprises FILE [--dry-run] [--as 用户名]');
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`找不到文件：${file}`);
    return 2;
  }
  const config = loadConfig();
  configureFiles(path.join(config.dataDir, 'files'));
  return withDatabase(config, async () => {
    const actor = values.as ? await actorByName(values.as) : systemActor(PERMISSIONS);
    const started = await startJob(actor, 'enterprise.import', actor.scopePath, (job) =>
      importEnterprises(actor, job, {
        filePath: path.resolve(file),
        originalName: path.basename(file),
        dryRun: values['dry-run'] ?? false,
      }),
    );
    let last = '';
    for (;;) {
      // Progress from memory while the job runs (the database may be busy with the import's
      // own transaction); the final state from the database.
      const live = liveJobProgress(started.id);
      const job = live ? { ...started, ...live } : await getJob(actor, started.id);
      const line = job.message ? `${job.message}` : '';
      if (line && line !== last) {
        // On a terminal one line is rewritten; in a log each step gets its own line.
        if (process.stdout.isTTY) process.stdout.write(`\r${line}    `);
        else process.stdout.write(`${line}\n`);
      }
      last = line;
      if (job.state !== 'running') {
        if (process.stdout.isTTY) process.stdout.write('\n');
        const outcome = (
          job.state === 'succeeded' ? job.result : (job.result as { details?: unknown } | null)?.details
        ) as ImportResult | null;
        if (job.state === 'succeeded' && outcome) {
          console.log(
            `${outcome.committed ? '导入完成' : '校验通过（未写入）'}：${outcome.rows} 行，新增 ${outcome.created}，更新 ${outcome.updated}` +
              (outcome.committed ? `，事项 ${outcome.facts} 条` : ''),
          );
          for (const w of outcome.warnings.slice(0, 20)) console.log(`提示：${w}`);
          return 0;
        }
        console.error(job.message ?? '导入失败');
        if (outcome?.errors)
          for (const e of outcome.errors.slice(0, 20))
            console.error(`  第 ${e.row} 行 ${e.column}：${e.reason}（${e.value}）`);
        if (outcome?.hasReport) console.error(`错误明细：${reportPath(started.id)}`);
        return 1;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  });
}

const BULLETIN_USAGE =
  '用法: npx gonghui bulletin import FILE [--series 名称] [--year N] [--number N] [--as 用户名]\n' +
  '      npx gonghui bulletin reindex';

/** `bulletin reindex`: rebuilds every search document in one transaction, printing counts. */
async function bulletinReindex(): Promise<number> {
  return withDatabase(loadConfig(), async (database) => {
    const started = Date.now();
    const counts = await database.transaction((tx) =>
      reindexAll(tx, (what, done) => {
        process.stderr.write(`\r${what === 'submissions' ? '稿件' : '简报信息'} ${done} 条……`);
      }),
    );
    process.stderr.write('\n');
    console.log(
      `已重建全文索引：稿件 ${counts.submissions} 篇，简报信息 ${counts.issueItems} 条（${counts.issues} 期），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
    );
    return 0;
  });
}

/** A whole number option, or a usage error naming it. */
function intOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new AppError(400, 'USAGE', `--${name} 必须是正整数`);
  return Number(value);
}

/** `bulletin import FILE`: one legacy bulletin into the archive; prints the new issue's id. */
async function bulletinCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        series: { type: 'string' },
        year: { type: 'string' },
        number: { type: 'string' },
        as: { type: 'string' },
      },
    });
  } catch {
    console.error(BULLETIN_USAGE);
    return 2;
  }
  const { values, positionals } = parsed;
  const [what, file] = positionals;
  if (what === 'reindex' && positionals.length === 1) return bulletinReindex();
  if (what !== 'import' || !file || positionals.length > 2) {
    console.error(BULLETIN_USAGE);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`找不到文件：${file}`);
    return 2;
  }
  const year = intOption('year', values.year);
  const number = intOption('number', values.number);
  return withDatabase(loadConfig(), async () => {
    const actor = values.as ? await actorByName(values.as) : systemActor(PERMISSIONS);
    const result = await importLegacyBulletin(actor, {
      filePath: path.resolve(file),
      originalName: path.basename(file),
      series: values.series,
      year,
      number,
    });
    console.log(result.id);
    console.error(
      `已导入：${result.columns} 个栏目，${result.items} 条信息` +
        (result.flagged ? `，其中 ${result.flagged} 条需要编辑核对` : ''),
    );
    for (const w of result.warnings) console.error(`提示：${w}`);
    return 0;
  });
}

/** Runs one command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  wireFeatures();
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        return await start(rest);
      case 'migrate': {
        const applied = await withDatabase(loadConfig(), (database) => migrate(database));
        console.log(applied.length ? `已应用迁移：${applied.join(', ')}` : '数据库已是最新');
        return 0;
      }
      case 'seed': {
        const { values: seedOptions, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { enterprises: { type: 'string' } },
        });
        const enterpriseCount = Number(seedOptions.enterprises ?? DEFAULT_DEMO_ENTERPRISES);
        if (positionals[0] !== 'demo' || !Number.isInteger(enterpriseCount) || enterpriseCount < 0) {
          console.error('用法: npx gonghui seed demo [--enterprises N]');
          return 2;
        }
        return await withDatabase(loadConfig(), async () => {
          if (await hasAnyOrg()) {
            console.error('数据库中已有组织数据，演示数据只写入空库。');
            return 1;
          }
          const made = await seedDemo(enterpriseCount, ...progressPrinters());
          console.log(
            `已写入演示城市：${made.orgs} 个组织，${made.users} 个账号，${made.enterprises} 家企业（${made.facts} 条事项）`,
          );
          printDemoLogins(`http://localhost:${loadConfig().port}`);
          return 0;
        });
      }
      case 'coverage': {
        if (rest[0] !== 'rebuild') {
          console.error('用法: npx gonghui coverage rebuild');
          return 2;
        }
        return await withDatabase(loadConfig(), async (database) => {
          const started = performance.now();
          const built = await database.transaction((tx) => buildSeries(tx, { full: true }));
          console.log(
            `已重建两个普遍统计缓存（${built.length} 套统计口径），用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`,
          );
          const worklistStarted = performance.now();
          await database.transaction((tx) => buildWorklist(tx, { full: true, summaries: 'every' }));
          console.log(
            `已重建三类企业与到期提醒工作清单，用时 ${((performance.now() - worklistStarted) / 1000).toFixed(1)} 秒`,
          );
          return 0;
        });
      }
      case 'create-user':
        return await createUserCommand(rest);
      case 'import':
        return await importCommand(rest);
      case 'bulletin':
        return await bulletinCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return command === undefined ? 2 : 0;
      default:
        console.error(`未知命令：${command}\n`);
        console.log(HELP);
        return 2;
    }
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      return 3;
    }
    if (err instanceof AppError) {
      const details = Array.isArray(err.details)
        ? err.details.map((d: { field: string; message: string }) => `\n  ${d.field}: ${d.message}`).join('')
        : '';
      console.error(`错误：${err.message}${details}`);
      return 1;
    }
    throw err;
  }
}
