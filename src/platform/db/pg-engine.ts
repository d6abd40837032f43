import pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import {
  DbError,
  INT8_OID,
  RAW_TEXT_TYPES,
  type Engine,
  type Executor,
  type QueryResult,
  type RowMode,
  type TransactionOptions,
} from './types';

const rawText = new Set<number>(RAW_TEXT_TYPES);
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (rawText.has(oid)) return (value: string) => value;
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function toDbError(err: unknown): unknown {
  if (err instanceof pg.DatabaseError) {
    const e = err;
    return new DbError({
      message: e.message,
      code: e.code,
      constraint: e.constraint,
      detail: e.detail,
      table: e.table,
      column: e.column,
    });
  }
  return err;
}

async function runOn(
  client: pg.Pool | pg.PoolClient,
  sql: string,
  params: unknown[],
  rowMode: RowMode,
): Promise<QueryResult> {
  try {
    const result = await client.query({
      text: sql,
      values: params,
      types,
      ...(rowMode === 'array' ? { rowMode: 'array' } : {}),
    });
    return { rows: result.rows as unknown[], affectedRows: result.rowCount ?? 0 };
  } catch (err) {
    throw toDbError(err);
  }
}

async function copyOn(client: pg.PoolClient, table: string, columns: string[], csv: string): Promise<number> {
  const stream = client.query(
    copyFromStream(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
  );
  try {
    await pipeline(Readable.from([csv]), stream);
  } catch (err) {
    throw toDbError(err);
  }
  return stream.rowCount ?? 0;
}

/** A PostgreSQL server reached through a connection pool. */
export class PgEngine implements Engine {
  readonly kind = 'postgres' as const;
  private constructor(private readonly pool: pg.Pool) {}

  /**
   * A pool of `poolSize` connections to `url`. With `readOnly` every transaction of the pool is
   * read-only (a pool for a replica: a write fails the same way against the primary).
   */
  static async open(url: string, poolSize = 10, readOnly = false): Promise<PgEngine> {
    const options = `-c TimeZone=UTC${readOnly ? ' -c default_transaction_read_only=on' : ''}`;
    const pool = new pg.Pool({ connectionString: url, max: poolSize, options });
    pool.on('error', () => undefined); // an idle client's error is reported on its next use
    const engine = new PgEngine(pool);
    await engine.query('select 1', [], 'object');
    return engine;
  }

  query(sql: string, params: unknown[], rowMode: RowMode): Promise<QueryResult> {
    return runOn(this.pool, sql, params, rowMode);
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(options.readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
      const result = await fn({
        query: (sql, params, rowMode) => runOn(client, sql, params, rowMode),
        copyFrom: (table, columns, csv) => copyOn(client, table, columns, csv),
      });
      await runOn(client, 'COMMIT', [], 'object');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async copyFrom(table: string, columns: string[], csv: string): Promise<number> {
    const client = await this.pool.connect();
    try {
      return await copyOn(client, table, columns, csv);
    } finally {
      client.release();
    }
  }

  async exec(script: string): Promise<void> {
    try {
      await this.pool.query(script);
    } catch (err) {
      throw toDbError(err);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
