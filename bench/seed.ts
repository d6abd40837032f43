// How long `npx gonghui seed demo --enterprises N` takes on an empty database: the command run as
// a user runs it, in a child process, on a new PGlite data folder and (with DATABASE_URL naming a
// PostgreSQL server) on a new database of that server, which is dropped afterwards. Reports the
// wall-clock time of the whole command and the steps it printed.
// Run: npm run bench:seed   (ENTERPRISES=1000000 by default; writes its section of bench/RESULTS.md)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/platform/db/client';
import { machine, writeSection } from './lib';

const ENTERPRISES = Number(process.env.ENTERPRISES ?? 1_000_000);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Run {
  engine: string;
  seconds: number;
  steps: string[];
}

async function seed(engine: string, env: Record<string, string>): Promise<Run> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin/gonghui.js'), 'seed', 'demo', '--enterprises', String(ENTERPRISES)],
    { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    process.stdout.write(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`${engine}: the seed command ended with ${code}`);
  // The steps with their times, as the command printed them (e.g. "重建派生数据（47.8 秒）").
  const steps = out.split('\n').filter((line) => /（[\d.]+ 秒）$/.test(line) && !line.startsWith('建立索引'));
  return { engine, seconds: (performance.now() - started) / 1000, steps };
}

async function main() {
  const runs: Run[] = [];
  const load = loadavg()[0]!.toFixed(1);
  const folder = mkdtempSync(path.join(tmpdir(), 'gonghui-bench-seed-'));
  try {
    runs.push(await seed('PGlite', { GONGHUI_DATA_DIR: path.join(folder, 'data'), DATABASE_URL: '' }));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `gonghui_bench_seed_${Date.now()}`;
    const admin = await openDatabase({ databaseUrl: serverUrl });
    await admin.rows(`create database ${name}`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      runs.push(await seed('PostgreSQL', { DATABASE_URL: url.toString() }));
    } finally {
      await admin.rows(`drop database if exists ${name}`);
      await admin.close();
    }
  }
  const body = `Machine: ${machine()}. Date: ${new Date().toISOString().slice(0, 10)}. Load average (1 min) at the start: ${load}.
\`npx gonghui seed demo --enterprises ${ENTERPRISES.toLocaleString('en')}\` on an empty database, timed from start to exit
(one run per engine; PostgreSQL 15 on the same machine with its default settings).

| engine | whole command | steps as the command printed them |
| --- | ---: | --- |
${runs.map((r) => `| ${r.engine} | ${r.seconds.toFixed(0)} s | ${r.steps.map((s) => s.trim()).join('; ')} |`).join('\n')}`;
  console.log(`\n${body}`);
  writeSection('Seeding the demo city (bench/seed.ts)', body);
}

await main();
