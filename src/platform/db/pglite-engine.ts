import { Worker } from 'node:worker_threads';
import {
  DbError,
  type Engine,
  type Executor,
  type QueryResult,
  type RowMode,
  type TransactionOptions,
} from './types';
import { acquireDataDirLock } from './lock';

interface Reply {
  id: number;
  ok: boolean;
  rows?: unknown[];
  affectedRows?: number;
  error?: ConstructorParameters<typeof DbError>[0];
}

/**
 * PGlite in a worker thread. The database itself is single-session, so statements run one at
 * a time; the worker keeps the HTTP thread free while they do, and PGlite's own lock makes a
 * transaction exclusive until it ends.
 */
export class PgliteEngine implements Engine {
  readonly kind = 'pglite' as const;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    private readonly releaseLock: () => void,
  ) {
    worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply);
      else waiter.reject(new DbError(reply.error ?? { message: 'database error' }));
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', (code) => {
      if (!this.closed) this.failAll(new Error(`数据库工作线程意外退出（代码 ${code}）`));
    });
  }

  /**
   * Opens (creating when new) the database in `dataDir`, or an in-memory one without it. A new
   * database starts as a copy of `image` when given (a file `saveImage` wrote), else empty.
   */
  static async open(dataDir: string | undefined, image?: string): Promise<PgliteEngine> {
    const releaseLock = dataDir ? acquireDataDirLock(dataDir) : () => undefined;
    try {
      const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), {
        workerData: { dataDir: dataDir ? `${dataDir}/pgdata` : undefined, image },
      });
      const engine = new PgliteEngine(worker, releaseLock);
      await engine.send({ op: 'open' });
      return engine;
    } catch (err) {
      releaseLock();
      throw err;
    }
  }

  private failAll(err: Error) {
    for (const waiter of this.pending.values()) waiter.reject(err);
    this.pending.clear();
  }

  private send(msg: Record<string, unknown>): Promise<Reply> {
    if (this.closed) return Promise.reject(new Error('数据库已关闭'));
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  private async run(sql: string, params: unknown[], rowMode: RowMode, txId?: number): Promise<QueryResult> {
    const reply = await this.send({ op: 'query', sql, params, rowMode, txId });
    return { rows: reply.rows ?? [], affectedRows: reply.affectedRows ?? 0 };
  }

  query(sql: string, params: unknown[], rowMode: RowMode): Promise<QueryResult> {
    return this.run(sql, params, rowMode);
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const txId = this.nextId++;
    await this.send({ op: 'begin', txId, readOnly: options.readOnly === true });
    let result: T;
    try {
      result = await fn({
        query: (sql, params, rowMode) => this.run(sql, params, rowMode, txId),
        copyFrom: (table, columns, csv) => this.copyFrom(table, columns, csv, txId),
      });
    } catch (err) {
      await this.send({ op: 'rollback', txId });
      throw err;
    }
    await this.send({ op: 'commit', txId });
    return result;
  }

  async copyFrom(table: string, columns: string[], csv: string, txId?: number): Promise<number> {
    const statement = `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`;
    const reply = await this.send({ op: 'copy', sql: statement, csv, txId });
    return reply.affectedRows ?? 0;
  }

  async exec(script: string): Promise<void> {
    await this.send({ op: 'exec', sql: script });
  }

  /**
   * Writes an image of the whole database to `file`; a database opened with it starts as this
   * one is now (the tests open each file's database from an image of a migrated one).
   */
  async saveImage(file: string): Promise<void> {
    await this.send({ op: 'save image', file });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.send({ op: 'close' });
    } finally {
      this.closed = true;
      await this.worker.terminate();
      this.releaseLock();
    }
  }
}
