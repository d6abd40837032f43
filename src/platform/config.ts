import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clockOffsetFromEnv } from './clock';

/** Settings read from the environment; see README "Configuration". */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  /** A streaming replica of `databaseUrl` that takes lists and dashboards (PostgreSQL only). */
  databaseReadUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  /** Idle session lifetime. */
  sessionTtlHours: number;
  /** How far ahead of the wall clock the app's clock runs (GONGHUI_CLOCK_OFFSET_HOURS). */
  clockOffsetMs: number;
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`环境变量 ${name} 必须是正整数，当前为 "${raw}"`);
  }
  return value;
}

/**
 * The session secret comes from SESSION_SECRET, or from a file in the data folder that is
 * generated on first start, so that sessions survive restarts without any setup.
 */
function loadSessionSecret(dataDir: string): string {
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('环境变量 SESSION_SECRET 至少需要 32 个字符');
    return fromEnv;
  }
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  // Written whole beside it, then linked into place: of processes starting together on one data
  // folder, the first link wins and every process reads that secret.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(48).toString('base64url') + '\n', { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(file, 'utf8').trim();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.GONGHUI_DATA_DIR || 'data');
  if (env.DATABASE_READ_URL && !env.DATABASE_URL) {
    throw new Error('环境变量 DATABASE_READ_URL 只能与 DATABASE_URL 一起设置（内置数据库没有只读副本）');
  }
  return {
    port: intFromEnv('PORT', 3000),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    dataDir,
    sessionSecret: loadSessionSecret(dataDir),
    sessionTtlHours: intFromEnv('SESSION_TTL_HOURS', 12),
    clockOffsetMs: clockOffsetFromEnv(env),
  };
}
