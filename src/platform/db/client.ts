import { drizzle, type PgRemoteDatabase } from 'drizzle-orm/pg-proxy';
import { sql as rawSql, type SQL } from 'drizzle-orm';
import type { Engine, Executor, TransactionOptions } from './types';

export type { Executor };
import { PgEngine } from './pg-engine';
import { PgliteEngine } from './pglite-engine';

/** A Drizzle database bound to a connection or to one open transaction. */
export type Db = PgRemoteDatabase;

const executors = new WeakMap<Db, Executor>();

function bind(executor: Executor): Db {
  const bound = drizzle(async (sql, params, method) => {
    const result = await executor.query(sql, params, method === 'all' ? 'array' : 'object');
    return { rows: result.rows };
  });
  executors.set(bound, executor);
  return bound;
}

/** The executor under a Drizzle handle (for COPY inside a transaction one was handed). */
export function executorOf(tx: Db): Executor {
  const executor = executors.get(tx);
  if (!executor) throw new Error('not a database handle of this process');
  return executor;
}

/**
 * The application's database: Drizzle on top of PGlite or a PostgreSQL server, and optionally a
 * second pool on a streaming replica that takes the lists and dashboards.
 */
export class Database {
  readonly orm: Db;
  /** Single statements on the replica, or on the primary when there is none. */
  readonly readOrm: Db;
  /**
   * @param reader an engine on a replica of `engine` (read-only transactions only); without it
   * reads run on `engine` itself.
   */
  constructor(
    readonly engine: Engine,
    readonly reader?: Engine,
  ) {
    this.orm = bind(engine);
    this.readOrm = reader ? bind(reader) : this.orm;
  }

  get kind() {
    return this.engine.kind;
  }

  /**
   * Runs `fn` in one transaction; everything it writes is kept only if it returns. `raw` is the
   * same transaction without the ORM, for COPY.
   */
  transaction<T>(fn: (tx: Db, raw: Executor) => Promise<T>): Promise<T> {
    return this.engine.transaction((executor) => fn(bind(executor), executor));
  }

  /**
   * Runs `fn` in one READ ONLY transaction on the replica when there is one, else on the
   * primary (read-only there too, so a write in it fails in every setup, not only with a
   * replica). For lists and dashboards: a replica may lag the primary by a moment, so never use
   * it for what must see a write just made (sessions, jobs, a write's own checks).
   */
  readTransaction<T>(fn: (tx: Db, raw: Executor) => Promise<T>): Promise<T> {
    const options: TransactionOptions = { readOnly: true };
    return (this.reader ?? this.engine).transaction((executor) => fn(bind(executor), executor), options);
  }

  /** Bulk-loads CSV text into a table with COPY, outside any transaction. */
  copyFrom(table: string, columns: string[], csv: string): Promise<number> {
    return this.engine.copyFrom(table, columns, csv);
  }

  /** Runs a raw SQL statement and returns its rows as objects. */
  async rows<T = Record<string, unknown>>(statement: string, params: unknown[] = []): Promise<T[]> {
    return (await this.engine.query(statement, params, 'object')).rows as T[];
  }

  async close() {
    if (this.reader && this.reader !== this.engine) await this.reader.close();
    await this.engine.close();
  }
}

export interface OpenOptions {
  databaseUrl?: string;
  /** A streaming replica of `databaseUrl` for lists and dashboards (PostgreSQL only). */
  readUrl?: string;
  /** PGlite data folder; undefined means an in-memory database (tests). */
  dataDir?: string;
  /**
   * PGlite: a new database starts as a copy of this image (written by PgliteEngine.saveImage)
   * instead of empty; the tests start each file from an image of a migrated database.
   */
  image?: string;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.readUrl && !options.databaseUrl) {
    throw new Error('DATABASE_READ_URL 只能与 DATABASE_URL 一起使用（内置数据库没有只读副本）');
  }
  const engine = options.databaseUrl
    ? await PgEngine.open(options.databaseUrl)
    : await PgliteEngine.open(options.dataDir, options.image);
  if (!options.readUrl) return new Database(engine);
  try {
    return new Database(engine, await PgEngine.open(options.readUrl, 10, true));
  } catch (err) {
    await engine.close();
    throw err;
  }
}

let current: Database | undefined;

/** Makes `database` the one `db` refers to. */
export function setDatabase(database: Database | undefined) {
  current = database;
}

/** The process's database; features import this. */
export const db = {
  get orm(): Db {
    return require_().orm;
  },
  transaction<T>(fn: (tx: Db, raw: Executor) => Promise<T>): Promise<T> {
    return require_().transaction(fn);
  },
  /** A read-only transaction on the replica when one is configured; see Database.readTransaction. */
  readTransaction<T>(fn: (tx: Db, raw: Executor) => Promise<T>): Promise<T> {
    return require_().readTransaction(fn);
  },
  /** Single statements on the replica when one is configured (lists and searches only). */
  get readOrm(): Db {
    return require_().readOrm;
  },
  copyFrom(table: string, columns: string[], csv: string): Promise<number> {
    return require_().copyFrom(table, columns, csv);
  },
  rows<T = Record<string, unknown>>(statement: string, params: unknown[] = []): Promise<T[]> {
    return require_().rows<T>(statement, params);
  },
  get kind() {
    return require_().kind;
  },
};

function require_(): Database {
  if (!current) throw new Error('database is not open');
  return current;
}

/** Executes a Drizzle SQL fragment on `tx` and returns its rows as objects. */
export async function execute<T>(tx: Db, query: SQL): Promise<T[]> {
  const result = await tx.execute(query);
  return result as unknown as T[];
}

export { rawSql };
