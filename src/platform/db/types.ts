/** Result of one statement: objects keyed by column, or arrays in column order. */
export interface QueryResult {
  rows: unknown[];
  affectedRows: number;
}

export type RowMode = 'array' | 'object';

/** A connection-like thing that runs statements: the pool, or one open transaction. */
export interface Executor {
  query(sql: string, params: unknown[], rowMode: RowMode): Promise<QueryResult>;
  /** Bulk-loads CSV text (RFC 4180, no header) into `table (columns)` with COPY. */
  copyFrom(table: string, columns: string[], csv: string): Promise<number>;
}

export interface TransactionOptions {
  /** A READ ONLY transaction: any write in it fails, as it would on a replica. */
  readOnly?: boolean;
}

export interface Engine extends Executor {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` inside one transaction on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: Executor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

/** A database error with PostgreSQL's fields, the same from PGlite and from a server. */
export class DbError extends Error {
  code?: string;
  constraint?: string;
  detail?: string;
  table?: string;
  column?: string;
  constructor(fields: {
    message: string;
    code?: string;
    constraint?: string;
    detail?: string;
    table?: string;
    column?: string;
  }) {
    super(fields.message);
    this.name = 'DbError';
    this.code = fields.code;
    this.constraint = fields.constraint;
    this.detail = fields.detail;
    this.table = fields.table;
    this.column = fields.column;
  }
}

/** OIDs whose text form we keep: dates stay 'YYYY-MM-DD', instants are parsed by the ORM. */
export const RAW_TEXT_TYPES = [1082, 1114, 1184, 1186, 1700] as const;
export const INT8_OID = 20;
