// Databases of the test run: a new database on the PostgreSQL server of TEST_DATABASE_URL, and the
// migrated database every test file's own database starts as a copy of (global-setup.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: an image of a migrated database (PgliteEngine.saveImage). */
    pgliteImage?: string;
    /** PostgreSQL: a migrated database of the TEST_DATABASE_URL server to create databases from. */
    pgTemplate?: string;
  }
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * A new database on the server of `url` (a copy of the database `template` when given, else
 * empty), its URL and name, and how to drop it.
 */
export async function createPgDatabase(
  url: string,
  template?: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `gonghui_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    name,
    drop: () => adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
