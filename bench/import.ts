// End-to-end enterprise import vs a bare COPY of the same rows, on PGlite and on PostgreSQL.
// Run: npm run bench:import            (1,000,000 rows; ROWS=100000 for a quick run)
//      BENCH_PG_URL=postgres://… to include PostgreSQL (a server where we may create databases)
// Also imports a 100,000-row xlsx on PGlite. Writes bench/RESULTS.md.
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { openDatabase, setDatabase, type Database } from '../src/platform/db/client';
import { migrate } from '../src/platform/db/migrate';
import { systemActor } from '../src/platform/access';
import { PERMISSIONS } from '../src/platform/shared/access-catalog';
import { configureFiles } from '../src/platform/files';
import { seedDemoOrgs } from '../src/orgs/demo';
import { buildSeries } from '../src/coverage/series-store';
import { importEnterprises, type ImportResult } from '../src/enterprises/import/service';
import { machine, median, writeSection } from './lib';
import { HEADER, row } from './import-rows';
import { wireFeatures } from '../src/wiring';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.XLSX_ROWS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 1);
const PG_URL = process.env.BENCH_PG_URL;
async function writeCsv(file: string, n: number) {
  const out = createWriteStream(file);
  out.write(HEADER.join(',') + '\n');
  for (let i = 0; i < n; i++) {
    if (!out.write(row(i).join(',') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function writeXlsx(file: string, n: number) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = workbook.addWorksheet('企业名单');
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < n; i++) sheet.addRow(row(i)).commit();
  sheet.commit();
  await workbook.commit();
}

/** Samples this process's RSS (the PGlite worker included) while `fn` runs. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const started = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - started, peakMb: Math.round(peak / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

async function freshDatabase(
  kind: 'pglite' | 'postgres',
  dir: string,
): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: path.join(dir, `data-${Date.now()}`) });
    return { database, drop: () => database.close() };
  }
  const name = `gonghui_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function bareCopy(database: Database, kind: 'pglite' | 'postgres', csvFile: string): Promise<number> {
  await database.rows(`create table bare_copy (${HEADER.map((_, i) => `c${i} text`).join(', ')})`);
  const started = performance.now();
  if (kind === 'pglite') {
    // The whole file as one blob: PGlite's COPY reads from a blob, not a stream.
    await database.copyFrom(
      'bare_copy',
      HEADER.map((_, i) => `c${i}`),
      readFileSync(csvFile, 'utf8').split('\n').slice(1).join('\n'),
    );
  } else {
    const client = new pg.Client({
      connectionString: (database.engine as unknown as { pool: { options: { connectionString: string } } })
        .pool.options.connectionString,
    });
    await client.connect();
    const stream = client.query(copyFrom(`copy bare_copy from stdin with (format csv, header true)`));
    await pipeline(createReadStream(csvFile), stream);
    await client.end();
  }
  return performance.now() - started;
}

async function importOnce(database: Database, file: string, name: string): Promise<ImportResult> {
  setDatabase(database);
  wireFeatures();
  const job = { id: crypto.randomUUID(), progress: () => undefined };
  return importEnterprises(systemActor(PERMISSIONS), job, {
    filePath: file,
    originalName: name,
    dryRun: false,
  });
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'gonghui-bench-import-'));
  configureFiles(path.join(dir, 'files'));
  const csvFile = path.join(dir, 'enterprises.csv');
  await writeCsv(csvFile, ROWS);
  console.log(`generated ${ROWS} rows, ${(statSync(csvFile).size / 2 ** 20).toFixed(0)} MB`);
  const lines: string[] = [];
  for (const kind of PG_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const)) {
    const e2e: number[] = [];
    const bare: number[] = [];
    const peaks: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const { database, drop } = await freshDatabase(kind, dir);
      await migrate(database);
      setDatabase(database);
      wireFeatures();
      await seedDemoOrgs();
      // As the app does on start: the coverage series exist, so the import keeps them exact.
      await database.transaction((tx) => buildSeries(tx, { full: false }));
      const result = await measured(() => importOnce(database, csvFile, 'enterprises.csv'));
      if (!result.value.committed || result.value.created !== ROWS)
        throw new Error(`import did not commit all rows: ${JSON.stringify(result.value).slice(0, 500)}`);
      e2e.push(result.ms);
      peaks.push(result.peakMb);
      bare.push(await bareCopy(database, kind, csvFile));
      await drop();
      console.log(
        `${kind} run ${run + 1}: import ${result.ms.toFixed(0)} ms, bare COPY ${bare.at(-1)!.toFixed(0)} ms, peak RSS ${result.peakMb} MB`,
      );
    }
    const e2eRate = ROWS / (median(e2e) / 1000);
    const bareRate = ROWS / (median(bare) / 1000);
    lines.push(
      `| ${kind === 'pglite' ? 'PGlite (worker thread)' : 'PostgreSQL server'} | ${(median(e2e) / 1000).toFixed(1)} | ${Math.round(e2eRate).toLocaleString('en')} | ${Math.round(bareRate).toLocaleString('en')} | ${((e2eRate / bareRate) * 100).toFixed(0)}% | ${median(peaks)} |`,
    );
  }
  const xlsxFile = path.join(dir, 'enterprises.xlsx');
  await writeXlsx(xlsxFile, XLSX_ROWS);
  const { database, drop } = await freshDatabase('pglite', dir);
  await migrate(database);
  setDatabase(database);
  wireFeatures();
  await seedDemoOrgs();
  await database.transaction((tx) => buildSeries(tx, { full: false }));
  const xlsx = await measured(() => importOnce(database, xlsxFile, 'enterprises.xlsx'));
  await drop();
  rmSync(dir, { recursive: true, force: true });
  const body = `
Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; ${RUNS} run(s) per engine, medians.
${ROWS.toLocaleString('en')} generated rows (12 columns: enterprise, union founding, members, collective contract),
imported end to end by \`importEnterprises\` (parse, validate, resolve townships, COPY into staging,
one-transaction merge with facts, summaries and the coverage series) into a fresh database holding the demo tree; then
the same CSV loaded by a bare \`COPY\` into a table of text columns.

| engine | import (s) | import rows/s | bare COPY rows/s | import / COPY | peak RSS (MB) |
| --- | ---: | ---: | ---: | ---: | ---: |
${lines.join('\n')}

xlsx: ${XLSX_ROWS.toLocaleString('en')} rows imported on PGlite in ${(xlsx.ms / 1000).toFixed(1)} s (target < 20 s), peak RSS ${xlsx.peakMb} MB.

Targets: end-to-end import ≥ 50% of bare COPY speed (not met), 100,000-row xlsx < 20 s (met).
The bare COPY parses nothing and maintains no index; the import parses and validates every row
in JavaScript (about 35–40k rows/s on one core, the limit on PostgreSQL), resolves townships,
stages rows and facts by COPY, then upserts into the indexed registry, inserts facts and
refreshes summaries in one transaction. Each import reports its phase timings (\`timingsMs\`;
\`bench/profile-import.ts\` prints them).
`;
  writeSection('Enterprise import (bench/import.ts)', body);
  console.log(body);
}

await main();
