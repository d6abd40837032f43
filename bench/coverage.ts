// Coverage figures at a million enterprises on PGlite: the city dashboard, a district's
// drill-down, a date a year back and the 24-month trend, read from the cached series, beside the
// naive GROUP BY over the dated facts on the same data in the same run. Also the cost of a
// fact written through the tracked path (series kept exact) and of a full rebuild.
// Run: npm run bench:coverage   (ENTERPRISES=1000000 by default; RUNS=15 timed runs per figure)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, setDatabase } from '../src/platform/db/client';
import { migrate } from '../src/platform/db/migrate';
import { seedDemoOrgs } from '../src/orgs/demo';
import { seedDemoEnterprises } from '../src/enterprises/demo';
import { actorByName } from '../src/orgs/setup';
import { systemActor } from '../src/platform/access';
import { PERMISSIONS } from '../src/platform/shared/access-catalog';
import { addFact } from '../src/enterprises/service';
import { FactCreateBody } from '../src/enterprises/contract';
import {
  directCountsByChild,
  getCoverage,
  getTrend,
  listCoverageEnterprises,
  ruleFor,
} from '../src/coverage/service';
import { buildSeries } from '../src/coverage/series-store';
import { machine, median, percentile, writeSection } from './lib';
import { wireFeatures } from '../src/wiring';

const ENTERPRISES = Number(process.env.ENTERPRISES ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 15);
const NAIVE_RUNS = Number(process.env.NAIVE_RUNS ?? 3);

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'gonghui-bench-coverage-'));
  const database = await openDatabase({ dataDir: path.join(dir, 'data') });
  setDatabase(database);
  wireFeatures();
  await migrate(database);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  try {
    await seedDemoOrgs();
    await database.transaction((tx) => buildSeries(tx, { full: false }));
    console.log(`seeding ${ENTERPRISES} demo enterprises (their facts by COPY, then summaries and series)…`);
    let started = performance.now();
    const seeded = await seedDemoEnterprises(ENTERPRISES);
    const seedMs = performance.now() - started;
    console.log(`seeded ${seeded.enterprises} enterprises, ${seeded.facts} facts in ${fmt(seedMs)}`);

    started = performance.now();
    await database.transaction((tx) => buildSeries(tx, { full: true }));
    const rebuildMs = performance.now() - started;
    const [sizes] = await database.rows<{ daily: number; monthly: number }>(
      'select (select count(*) from coverage_daily)::int as daily, (select count(*) from coverage_monthly)::int as monthly',
    );
    console.log(`rebuild ${fmt(rebuildMs)}; ${sizes!.daily} daily rows, ${sizes!.monthly} monthly rows`);

    const city = await actorByName('city');
    const [wuzhong] = await database.rows<{ id: string; path: string }>(
      `select id, path from orgs where name = '吴中区总工会'`,
    );
    const [town] = await database.rows<{ id: string }>(
      `select o.id from orgs o join enterprises e on e.org_id = o.id where o.path like $1
        group by o.id order by count(*) desc limit 1`,
      [wuzhong!.path + '%'],
    );
    const [root] = await database.rows<{ path: string }>(`select path from orgs where parent_id is null`);
    const today = new Date().toISOString().slice(0, 10);
    const yearBack = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;

    const cases: {
      name: string;
      cached: () => Promise<unknown>;
      naive?: () => Promise<unknown>;
      target?: number;
    }[] = [
      {
        name: 'City dashboard (city + its 12 children, today)',
        cached: () => getCoverage(city, { date: today }),
        naive: () =>
          database.transaction(async (tx) =>
            directCountsByChild(tx, root!.path, today, await ruleFor(tx, Number(today.slice(0, 4)))),
          ),
        target: 50,
      },
      {
        name: 'District drill-down (吴中区 + its townships, today)',
        cached: () => getCoverage(city, { orgId: wuzhong!.id, date: today }),
        naive: () =>
          database.transaction(async (tx) =>
            directCountsByChild(tx, wuzhong!.path, today, await ruleFor(tx, Number(today.slice(0, 4)))),
          ),
        target: 20,
      },
      {
        name: `City dashboard a year back (${yearBack})`,
        cached: () => getCoverage(city, { date: yearBack }),
        naive: () =>
          database.transaction(async (tx) =>
            directCountsByChild(tx, root!.path, yearBack, await ruleFor(tx, Number(yearBack.slice(0, 4)))),
          ),
        target: 100,
      },
      { name: 'City 24-month trend', cached: () => getTrend(city, { date: today }) },
      {
        name: 'Enterprises behind a township count (first page of 20)',
        cached: () =>
          listCoverageEnterprises(city, {
            orgId: town!.id,
            measure: 'unionised',
            page: 1,
            pageSize: 20,
            date: today,
          }),
      },
    ];
    const rows: string[] = [];
    for (const c of cases) {
      const cached = await timed(RUNS, c.cached);
      const naive = c.naive ? await timed(NAIVE_RUNS, c.naive) : null;
      const p50 = median(cached);
      const line = `| ${c.name} | ${fmt(p50)} | ${fmt(percentile(cached, 95))} | ${c.target ? `≤ ${c.target} ms: ${p50 <= c.target ? 'met' : 'not met'}` : '—'} | ${naive ? fmt(median(naive)) : '—'} |`;
      console.log(line);
      rows.push(line);
    }

    // A fact written through the tracked path: the enterprise's steps are recomputed and the
    // series adjusted in the same transaction.
    const system = systemActor(PERMISSIONS);
    const ids = await database.rows<{ id: string }>(
      `select id from enterprises where union_founded_on is not null order by id limit 40`,
    );
    let n = 0;
    const writes = await timed(RUNS, async () => {
      const id = ids[n++ % ids.length]!.id;
      await addFact(
        system,
        id,
        FactCreateBody.parse({
          kind: 'affairsDisclosure',
          eventDate: `2020-01-${String(1 + (n % 28)).padStart(2, '0')}`,
        }),
      );
    });
    const writeLine = `| Add one fact (series kept exact in the same transaction) | ${fmt(median(writes))} | ${fmt(percentile(writes, 95))} | — | — |`;
    console.log(writeLine);
    rows.push(writeLine);

    const body = `Machine: ${machine()}. Date: ${today}. PGlite in a worker thread, data folder on disk.
${seeded.enterprises.toLocaleString('en')} demo enterprises with ${seeded.facts.toLocaleString('en')} dated facts (\`seedDemoEnterprises\`), 12 districts.
Each figure: ${RUNS} timed runs after one warm-up (naive: ${NAIVE_RUNS}); p50 is the median. Timed through the service
functions (access check, rule lookup, targets and names included; HTTP not included).

| Query | p50 (series) | p95 (series) | Target | Naive GROUP BY over facts, p50 |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

- Full rebuild of the series (\`npx gonghui coverage rebuild\`): ${fmt(rebuildMs)} (one run);
  ${sizes!.daily.toLocaleString('en')} daily rows and ${sizes!.monthly.toLocaleString('en')} monthly rows for one rule.
- Seeding the demo data including summaries and series: ${fmt(seedMs)}.
- Peak RSS of the process (PGlite worker included): ${Math.round(peak / 2 ** 20)} MB.`;
    writeSection('Coverage figures at scale (bench/coverage.ts)', body);
    console.log('\n' + body);
  } finally {
    clearInterval(sampler);
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
