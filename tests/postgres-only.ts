// Tests that need a PostgreSQL server (several app processes on one database, a read-only pool)
// carry this mark in their name. They are skipped on the embedded database, which has one process
// by design, and run in the PostgreSQL pass (TEST_DATABASE_URL), where no skip is allowed.

/** The mark in the name of a test that runs only when TEST_DATABASE_URL names a server. */
export const NEEDS_POSTGRES = '[PostgreSQL]';

/** True when there is no PostgreSQL server to run the marked tests on. */
export const noPostgres = !process.env.TEST_DATABASE_URL;
