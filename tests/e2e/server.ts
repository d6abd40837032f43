// Browser-test harness: the real app (`node bin/gonghui.js start`) on a fresh data folder and a
// free port, and Debian's Chromium driven by playwright-core. The demo city is seeded once per
// run into a template folder (global-setup.ts); each file starts the app on its own copy of it.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { systemTool } from '../tools';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The data folder the global setup seeded with the demo city, when it ran. */
    e2eTemplate?: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS = path.join(root, 'tests/e2e/artifacts');
export const DEMO_PASSWORD = 'Demo@2011';

const INSTALL_HINT = 'apt-get install -y chromium fonts-noto-cjk';

/**
 * Whether the browser tests can run. Without Chromium they are skipped with a loud notice, except
 * on CI (`CI=true`), where a missing browser is a failure.
 */
export function chromiumAvailable(): boolean {
  return systemTool(`Chromium (${CHROMIUM_PATH})`, existsSync(CHROMIUM_PATH), INSTALL_HINT);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  url: string;
  /** What the server printed so far (for failure messages). */
  output: () => string;
  /**
   * Stops the app and starts it again on the same data folder and port, with `env` added (e.g.
   * GONGHUI_CLOCK_OFFSET_HOURS, to let time pass); resolves once it answers again.
   */
  restart: (env?: Record<string, string>) => Promise<void>;
  stop: () => Promise<void>;
}

interface Process {
  /** Resolves once the process has exited (after a SIGTERM, or a SIGKILL 10 s later). */
  end: () => Promise<void>;
  exitCode: () => number | null;
}

function spawnApp(
  dataDir: string,
  port: number,
  env: Record<string, string>,
  onOutput: (s: string) => void,
): Process {
  const child = spawn(process.execPath, [path.join(root, 'bin/gonghui.js'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      GONGHUI_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
  // An object, so that the compiler does not narrow a value that a callback changes.
  const state: { exitCode: number | null } = { exitCode: null };
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      state.exitCode = code ?? -1;
      resolve();
    }),
  );
  return {
    exitCode: () => state.exitCode,
    end: async () => {
      if (state.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Waits until /api/health answers; throws with the log when the process exits or 180 s pass. */
async function answering(url: string, proc: Process, log: () => string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (proc.exitCode() !== null)
      throw new Error(`the app exited with code ${proc.exitCode()} before answering:\n${log()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app did not answer /api/health within 180 s:\n${log()}`);
}

/** The lock file of a data folder (src/platform/db/lock.ts), never copied with it. */
const LOCK_FILE = 'gonghui.lock';

/**
 * Starts the app on `dataDir`, which seeds the demo city when the folder is empty, waits until it
 * answers and stops it again: the folder then holds the demo city, ready to be copied.
 */
export async function seedDataFolder(dataDir: string): Promise<void> {
  const port = await freePort();
  let log = '';
  const proc = spawnApp(dataDir, port, {}, (s) => (log += s));
  try {
    await answering(`http://127.0.0.1:${port}`, proc, () => log);
  } finally {
    await proc.end();
  }
  if (proc.exitCode() !== 0) throw new Error(`the app stopped with code ${proc.exitCode()}:\n${log}`);
}

/**
 * Starts the app with the demo city on a new temporary data folder, a copy of the run's seeded
 * template (seeded here when there is none); resolves once /api/health answers.
 */
export async function startApp(): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gonghui-e2e-'));
  const template = inject('e2eTemplate');
  if (template)
    cpSync(template, dataDir, { recursive: true, filter: (from) => path.basename(from) !== LOCK_FILE });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const output = () => log;
  let proc = spawnApp(dataDir, port, {}, (s) => (log += s));
  const stop = async () => {
    await proc.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const restart = async (env: Record<string, string> = {}) => {
    await proc.end();
    proc = spawnApp(dataDir, port, env, (s) => (log += s));
    await answering(url, proc, output);
  };
  try {
    await answering(url, proc, output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, output, restart, stop };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
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
}

/**
 * A page in Chinese (at a desktop size unless told, e.g. a phone's 390 × 844) that reports browser errors, and API calls answered with an
 * error or after more than 3 s, to the test output.
 */
export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1440, height: 900 },
): Promise<Page> {
  // Without motion (the app honours prefers-reduced-motion): a click computed while a dialog was
  // still zooming in could land beside its button on a slow machine, and the step then waited in vain.
  const page = await browser.newPage({ viewport, locale: 'zh-CN', reducedMotion: 'reduce' });
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  // An API call that failed or answered slowly, so that a failing step says what the page met.
  page.on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/')) return;
    const took = request.timing().responseEnd;
    void request.response().then((response) => {
      const status = response?.status() ?? 0;
      if (status >= 400 || took > 3000)
        console.error(
          `[browser] ${request.method()} ${url.pathname}${url.search} → ${status} in ${took.toFixed(0)} ms`,
        );
    });
  });
  page.on('requestfailed', (request) =>
    console.error(`[browser] ${request.method()} ${request.url()} failed: ${request.failure()?.errorText}`),
  );
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Fills the login form and waits until the app has left the login page. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Waits until the locator's text contains `text`. */
export async function waitForText(locator: Locator, text: string | RegExp) {
  await locator.filter({ hasText: text }).first().waitFor();
}

/** A signed-in API session outside the browser (e.g. to look up ids as admin, or a judge's scores). */
export async function apiSession(url: string, username: string, password = DEMO_PASSWORD) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok)
    throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    async get<T>(pathAndQuery: string): Promise<T> {
      const r = await fetch(`${url}${pathAndQuery}`, { headers: { cookie } });
      if (!r.ok) throw new Error(`GET ${pathAndQuery}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
    async send<T>(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown): Promise<T> {
      const r = await fetch(`${url}${path}`, {
        method,
        headers: { cookie, 'content-type': 'application/json', origin: url },
        body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}
