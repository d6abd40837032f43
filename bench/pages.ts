// How long each page of the menu takes to show its content in a real browser. Starts the app as a
// user would (`gonghui start` on a fresh data folder: the built web app, the demo city with 20,000
// enterprises), signs in as `city` in Chromium and, in each run with an empty browser cache:
//   - opens the login page: time until the form is shown, and the JavaScript it transferred;
//   - signs in: time until the home page's figures are shown;
//   - clicks each menu entry in turn: time until that page's content is shown (its first visit in
//     the session), then reloads it: time until shown again with everything cached.
// "Content shown" per page: the home page's figures loaded; a list's first rows (or its empty
// state) with no spinner; the tree and the selected organisation; the coverage rates and table
// (and, apart, the trend chart drawn). Reports medians; asserts nothing.
// Run: npm run bench:pages   (writes its section of bench/RESULTS.md; RUNS=5 by default)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/orgs/demo';
import { machine, median, writeSection } from './lib';

const RUNS = Number(process.env.RUNS ?? 5);
const USER = 'city';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What "shown" means on a page; checked in the browser on every animation frame. */
type Ready = 'home' | 'orgs' | 'list' | 'coverage' | 'chart' | 'search';

interface MenuPage {
  menu: string;
  path: string;
  ready: Ready;
}

const MENU: MenuPage[] = [
  { menu: '组织体系', path: '/orgs', ready: 'orgs' },
  { menu: '企业名单', path: '/enterprises', ready: 'list' },
  { menu: '两个普遍', path: '/coverage', ready: 'coverage' },
  { menu: '三类企业', path: '/priority', ready: 'list' },
  { menu: '到期提醒', path: '/alerts', ready: 'list' },
  { menu: '信息报送', path: '/bulletin/submissions', ready: 'list' },
  { menu: '编辑台', path: '/bulletin/desk', ready: 'list' },
  { menu: '栏目设置', path: '/bulletin/columns', ready: 'list' },
  { menu: '往期简报', path: '/bulletin/archive', ready: 'list' },
  { menu: '信息检索', path: '/bulletin/search', ready: 'search' },
  { menu: '积分排名', path: '/bulletin/rankings', ready: 'list' },
  { menu: '用户管理', path: '/admin/users', ready: 'list' },
  { menu: '操作日志', path: '/admin/audit', ready: 'list' },
];

/** Runs in the page: whether the content of a page of this kind is shown. */
function shown(kind: Ready): boolean {
  const main = document.querySelector('.ant-layout-content');
  if (!main || main.querySelector('.page-spinner')) return false;
  const visible = (selector: string) => {
    const el = main.querySelector(selector);
    return !!el && (el as HTMLElement).offsetParent !== null;
  };
  const spinning = () => !!main.querySelector('.ant-spin-spinning, .ant-skeleton');
  const rows = () => main.querySelectorAll('.ant-table-tbody tr.ant-table-row').length > 0;
  switch (kind) {
    case 'home': {
      const values = [...main.querySelectorAll('.ant-statistic-content-value')];
      return (
        visible('[data-testid="welcome"]') &&
        values.length > 0 &&
        !spinning() &&
        values.every((v) => v.textContent !== '—')
      );
    }
    case 'orgs':
      return visible('[data-testid="org-tree"] .ant-tree-treenode') && visible('[data-testid="org-title"]');
    case 'list':
      return (rows() || visible('.ant-empty')) && !spinning();
    case 'coverage':
      return (main.textContent ?? '').includes('%') && visible('[data-testid="coverage-table"]') && rows();
    case 'chart':
      return visible('[data-testid="coverage-trend"] canvas');
    case 'search':
      return visible('.ant-empty');
  }
}

async function until(page: Page, kind: Ready, started: number): Promise<number> {
  await page.waitForFunction(shown, kind, { polling: 'raf', timeout: 60_000 });
  return performance.now() - started;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `gonghui start` on a fresh data folder; resolves once it answers, the demo seeded. */
async function startApp() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gonghui-pages-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(root, 'bin/gonghui.js'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      GONGHUI_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const started = performance.now();
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/api/health`)).ok) {
        console.log(`app up with the demo city after ${((performance.now() - started) / 1000).toFixed(0)} s`);
        return { url, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`the app did not start:\n${log}`);
}

interface Transfer {
  scripts: number;
  bytes: number;
  encodings: Set<string>;
}

/** Counts the JavaScript a page receives: bytes as transferred (compressed), headers excluded. */
function countScripts(page: Page): Transfer {
  const transfer: Transfer = { scripts: 0, bytes: 0, encodings: new Set() };
  page.on('response', (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    void (async () => {
      const sizes = await response.request().sizes();
      transfer.scripts += 1;
      transfer.bytes += sizes.responseBodySize;
      transfer.encodings.add((await response.headerValue('content-encoding')) ?? 'none');
    })();
  });
  return transfer;
}

interface Run {
  loginMs: number;
  loginJs: Transfer;
  homeMs: number;
  homeJs: number;
  first: Map<string, number>;
  reload: Map<string, number>;
  chartMs?: number;
}

async function oneRun(browser: Browser, url: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  // The checks below run in the page as this file was compiled, where named functions are
  // wrapped in a helper that only Node defines.
  await context.addInitScript('globalThis.__name = (f) => f;');
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  const transfer = countScripts(page);

  let started = performance.now();
  await page.goto(`${url}/login`, { waitUntil: 'commit' });
  await page.getByLabel('用户名').waitFor();
  const loginMs = performance.now() - started;
  await page.waitForLoadState('networkidle');
  const loginJs = { ...transfer, encodings: new Set(transfer.encodings) };

  await page.getByLabel('用户名').fill(USER);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  started = performance.now();
  await page.getByRole('button', { name: /登\s*录/ }).click();
  const homeMs = await until(page, 'home', started);
  await page.waitForLoadState('networkidle');
  const homeJs = transfer.bytes - loginJs.bytes;

  const menu = await page.locator('.ant-menu-root').innerText();
  const run: Run = { loginMs, loginJs, homeMs, homeJs, first: new Map(), reload: new Map() };
  for (const item of MENU) {
    if (!menu.includes(item.menu)) continue;
    started = performance.now();
    await page.locator('.ant-menu-item', { hasText: item.menu }).click();
    await page.waitForURL((u) => u.pathname === item.path);
    run.first.set(item.path, await until(page, item.ready, started));
    if (item.ready === 'coverage') run.chartMs = await until(page, 'chart', started);
    await page.waitForLoadState('networkidle');
    started = performance.now();
    await page.reload({ waitUntil: 'commit' });
    run.reload.set(item.path, await until(page, item.ready, started));
    await page.waitForLoadState('networkidle');
  }
  await context.close();
  return run;
}

const ms = (values: number[]) => (values.length ? `${median(values).toFixed(0)}` : '—');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

async function main() {
  const app = await startApp();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const runs: Run[] = [];
  const load: number[] = [];
  try {
    // One warm-up run: the server's first queries fill its caches.
    await oneRun(browser, app.url);
    for (let i = 0; i < RUNS; i++) {
      load.push(loadavg()[0]!);
      const run = await oneRun(browser, app.url);
      runs.push(run);
      console.log(
        `run ${i + 1}: login ${run.loginMs.toFixed(0)} ms, home ${run.homeMs.toFixed(0)} ms, ` +
          [...run.first].map(([p, t]) => `${p} ${t.toFixed(0)}`).join(', '),
      );
    }
  } finally {
    await browser.close();
    await app.stop();
  }

  const login = runs[0]!.loginJs;
  const rows = [
    `| page | first visit (ms) | reload, cached (ms) |`,
    `| ---- | ---------------: | ------------------: |`,
    `| 登录 /login (open the page, form shown) | ${ms(runs.map((r) => r.loginMs))} | — |`,
    `| 首页 / (sign in, figures shown) | ${ms(runs.map((r) => r.homeMs))} | — |`,
  ];
  for (const item of MENU) {
    const first = runs.flatMap((r) => r.first.get(item.path) ?? []);
    if (!first.length) continue;
    rows.push(
      `| ${item.menu} ${item.path} | ${ms(first)} | ${ms(runs.flatMap((r) => r.reload.get(item.path) ?? []))} |`,
    );
    if (item.ready === 'coverage')
      rows.push(`| ${item.menu}: trend chart drawn | ${ms(runs.flatMap((r) => r.chartMs ?? []))} | — |`);
  }
  const today = new Date().toISOString().slice(0, 10);
  // Other work on the machine slows the browser and the server alike: the figures mean most beside it.
  const busy =
    `load average (1 min) at the start of each run: ${load.map((l) => l.toFixed(1)).join(', ')}` +
    ' (the app and Chromium of this benchmark count in it)' +
    (Math.max(...load) > 2 * cpus().length
      ? `; above twice the machine's ${cpus().length} cores, other work shared the machine: rerun on an idle machine for the app's own figures`
      : '');
  writeSection(
    'Page timings in the browser (bench/pages.ts)',
    `Measured ${today} on ${machine()}; Chromium headless on the same machine, ${RUNS} runs after a warm-up, medians;
${busy}.
\`gonghui start\` on a fresh data folder (the built web app, the demo city with 20,000 enterprises), signed in
as \`${USER}\`; each run starts with an empty browser cache. First visit: from the click on the menu entry
(pages in menu order, so chunks shared with an earlier page are cached) until the page's content is shown;
reload: the same page reloaded with everything cached, until shown again. Shown: the home page's figures
loaded; a list's first rows or its empty state, no spinner; the tree and the selected organisation; the
coverage rates and table (the trend chart, loaded after them, apart). A reload starts the whole app again
(the scripts from the cache, the session and the page's data from the server); a menu click loads only
the page's own chunks and data.

Login page JavaScript transferred: ${kb(login.bytes)} KB in ${login.scripts} files (content-encoding: ${[...login.encodings].join(', ')});
signing in then loads ${kb(median(runs.map((r) => r.homeJs)))} KB more for the frame and the home page.

${rows.join('\n')}`,
  );
  console.log(rows.join('\n'));
}

await main();
