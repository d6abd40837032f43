// Does the API keep answering while a multi-second database job runs?
// Measures /api/health latency (p50/p99) on real HTTP while one long query runs, for:
//   worker  — the shipped design: PGlite in a worker thread;
//   inline  — for contrast, the same query on a PGlite in the server's own thread.
// Run: npm run bench:responsiveness   (writes bench/RESULTS.md)
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../src/app';
import { openDatabase } from '../src/platform/db/client';
import { migrate } from '../src/platform/db/migrate';
import { machine, median, percentile, writeSection } from './lib';

const RUNS = Number(process.env.RUNS ?? 5);
// About 3 s on a 2-core machine: aggregate over 3 million generated rows.
const JOB = `select count(distinct (g % 1000003)) as n, sum(length(md5(g::text))) as s from generate_series(1, 3000000) g`;

// The prober runs in its own thread, so that it keeps sending even when the server's thread is
// blocked (as it is with PGlite inline); otherwise a stalled server would also stall its probe.
const PROBER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let stop = false;
parentPort.on('message', () => (stop = true));
function get() {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: workerData.port, path: '/api/health', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    }).on('error', reject);
  });
}
(async () => {
  const latencies = [];
  while (!stop) {
    latencies.push(await get());
    await new Promise((r) => setTimeout(r, 10));
  }
  parentPort.postMessage(latencies);
})();
`;

/** Health checks every 10 ms from another thread while `job` runs; their latencies and the job's duration. */
async function probeDuring(port: number, job: () => Promise<unknown>) {
  const prober = new Worker(PROBER, { eval: true, workerData: { port } });
  const result = new Promise<number[]>((resolve) => prober.once('message', resolve));
  await new Promise((r) => setTimeout(r, 50)); // let the prober start
  const started = performance.now();
  await job();
  const jobMs = performance.now() - started;
  prober.postMessage('stop');
  const latencies = await result;
  await prober.terminate();
  return { latencies, jobMs };
}

async function idleLatencies(port: number): Promise<number[]> {
  const { latencies } = await probeDuring(port, () => new Promise((r) => setTimeout(r, 2000)));
  return latencies;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'gonghui-bench-'));
  const database = await openDatabase({ dataDir: path.join(dir, 'data') });
  await migrate(database);
  const app = await buildApp({ database, sessionSecret: 'bench'.padEnd(40, 'x'), webRoot: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;

  const idle = await idleLatencies(port);

  const worker: { p50: number; p99: number; max: number; n: number; jobMs: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { latencies, jobMs } = await probeDuring(port, () => database.rows(JOB));
    worker.push({
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      n: latencies.length,
      jobMs,
    });
  }

  // Contrast: the same query on a PGlite living in this (the HTTP) thread.
  const inlineDb = await PGlite.create();
  const inline: typeof worker = [];
  for (let run = 0; run < RUNS; run++) {
    const { latencies, jobMs } = await probeDuring(port, () => inlineDb.query(JOB));
    inline.push({
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      n: latencies.length,
      jobMs,
    });
  }
  await inlineDb.close();
  await app.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });

  const fmt = (v: number) => v.toFixed(1);
  const row = (label: string, rs: typeof worker) =>
    `| ${label} | ${fmt(median(rs.map((r) => r.jobMs)))} | ${median(rs.map((r) => r.n))} | ${fmt(median(rs.map((r) => r.p50)))} | ${fmt(median(rs.map((r) => r.p99)))} | ${fmt(median(rs.map((r) => r.max)))} |`;
  const body = `
Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; ${RUNS} runs, medians of each run's figures.
\`GET /api/health\` over keep-alive HTTP every 10 ms while one long query runs (\`${JOB}\`).
Idle health latency: p50 ${fmt(percentile(idle, 50))} ms, p99 ${fmt(percentile(idle, 99))} ms (${idle.length} requests over 2 s).

| database placement | job (ms) | health checks during job | p50 (ms) | p99 (ms) | max (ms) |
| --- | ---: | ---: | ---: | ---: | ---: |
${row('PGlite in a worker thread (shipped)', worker)}
${row('PGlite in the HTTP thread (contrast)', inline)}

Target: p99 ≤ 100 ms while the job runs. Requests that need the database itself still wait for
the job on PGlite (one session); on a PostgreSQL server they run beside it on other connections.
`;
  writeSection('Responsiveness during a long database job (bench/responsiveness.ts)', body);
  console.log(body);
}

await main();
