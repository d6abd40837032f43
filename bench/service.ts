// The cadre service programme at a million enterprises and a hundred thousand visits on PGlite:
// the programme's dashboard for the city, a district and a township, the lists of pairings,
// visits, needs and unpaired three-category enterprises, and the home page's waiting items, each
// timed in process (medians of RUNS runs after a warm-up).
// Run: GONGHUI_DATA_DIR=<a PGlite folder seeded with `npx gonghui seed demo --enterprises 1000000`>
//      npm run bench:service   (PAIRINGS=18500 pairs enough enterprises for about 100,000 visits;
//      the programme is written once, on the first run over the folder)
import { openDatabase, setDatabase } from '../src/platform/db/client';
import { migrate } from '../src/platform/db/migrate';
import { buildSeries } from '../src/coverage/series-store';
import { buildWorklist } from '../src/coverage/worklist-store';
import { actorByName } from '../src/orgs/setup';
import { DEMO_PASSWORD, seedDemoCadres } from '../src/orgs/demo';
import { createUser } from '../src/orgs/users-service';
import { systemActor } from '../src/platform/access';
import { PERMISSIONS } from '../src/platform/shared/access-catalog';
import { seedDemoService } from '../src/service/demo';
import { getDashboard } from '../src/service/dashboard';
import { listPairings, listUnpaired } from '../src/service/programmes';
import { listNeeds, listVisits } from '../src/service/visits';
import { waitingFor } from '../src/platform/waiting';
import { wireFeatures } from '../src/wiring';
import { machine, median, percentile, writeSection } from './lib';

const RUNS = Number(process.env.RUNS ?? 15);
const PAIRINGS = Number(process.env.PAIRINGS ?? 18_500);

async function timed(fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

async function main() {
  const dataDir = process.env.GONGHUI_DATA_DIR;
  if (!dataDir)
    throw new Error('GONGHUI_DATA_DIR must name a PGlite folder seeded with a million demo enterprises');
  const database = await openDatabase({ dataDir });
  setDatabase(database);
  wireFeatures();
  await migrate(database);
  console.log('bringing the cached series and worklists to this version…');
  await database.transaction((tx) => buildSeries(tx, { full: false }));
  await database.transaction((tx) => buildWorklist(tx, { full: false }));
  const [counts] = await database.rows<{ enterprises: number; programmes: number }>(
    'select (select count(*) from enterprises)::int as enterprises, (select count(*) from service_programmes)::int as programmes',
  );
  const [named] = await database.rows<{ n: number }>(
    `select count(*)::int as n from users where username = 'cadre_wuzhong'`,
  );
  if (!named!.n) {
    // A folder seeded before the programme's demo user existed.
    const [town] = await database.rows<{ id: string }>(`select id from orgs where name = '长桥街道工会'`);
    await createUser(systemActor(PERMISSIONS), {
      username: 'cadre_wuzhong',
      displayName: '周服务',
      role: 'serviceCadre',
      department: null,
      orgId: town!.id,
      phone: null,
      password: DEMO_PASSWORD,
    });
  }
  if (!counts!.programmes) {
    console.log(`writing the programme: ${PAIRINGS} pairings and their visits…`);
    const started = performance.now();
    const made = await seedDemoService(await seedDemoCadres(), PAIRINGS);
    console.log(
      `  ${made.pairings} pairings, ${made.visits} visits, ${made.needs} needs in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  await database.rows('analyze');
  const [sizes] = await database.rows<{ pairings: number; visits: number; needs: number; programme: string }>(
    `select (select count(*) from service_pairings)::int as pairings, (select count(*) from service_visits)::int as visits,
       (select count(*) from service_needs)::int as needs, (select id from service_programmes order by created_at limit 1) as programme`,
  );
  const programmeId = sizes!.programme;
  const city = await actorByName('city');
  const wuzhong = await actorByName('wuzhong');
  const cadre = await actorByName('cadre_wuzhong');
  const [town] = await database.rows<{ id: string }>(
    `select o.id from orgs o join service_pairings p on p.org_path like o.path || '%'
      where o.kind = 'townshipUnion' group by o.id order by count(*) desc limit 1`,
  );
  const page = { page: 1, pageSize: 20 };
  const cases: [string, () => Promise<unknown>][] = [
    ['dashboard, city', () => getDashboard(city, { programmeId })],
    ['dashboard, 吴中区', () => getDashboard(wuzhong, { programmeId })],
    ['dashboard, busiest township', () => getDashboard(city, { programmeId, orgId: town!.id })],
    ['pairings, city, first page', () => listPairings(city, { ...page, programmeId })],
    ['pairings, city, overdue', () => listPairings(city, { ...page, programmeId, due: 'overdue' })],
    ['pairings, 吴中区', () => listPairings(wuzhong, { ...page, programmeId })],
    ['pairings, the cadre’s own', () => listPairings(cadre, { ...page, mine: true })],
    ['visits, city, first page', () => listVisits(city, { ...page, programmeId })],
    ['visits, 吴中区, by aspect', () => listVisits(wuzhong, { ...page, aspect: 'guarantees' })],
    ['needs, city, overdue', () => listNeeds(city, { ...page, overdue: true })],
    ['needs, 吴中区, open', () => listNeeds(wuzhong, { ...page, state: 'open' })],
    ['unpaired three-category, city', () => listUnpaired(city, page)],
    ['unpaired three-category, 吴中区', () => listUnpaired(wuzhong, page)],
    ['home page waiting items, cadre', () => waitingFor(cadre)],
    ['home page waiting items, 吴中区 staff', () => waitingFor(wuzhong)],
  ];
  const rows: string[] = [];
  for (const [name, fn] of cases) {
    const times = await timed(fn);
    const line = `| ${name} | ${median(times).toFixed(1)} ms | ${percentile(times, 90).toFixed(1)} ms |`;
    console.log(line);
    rows.push(line);
  }
  writeSection(
    'Cadre service programme at a million enterprises (PGlite)',
    [
      `${machine()}; ${new Date().toISOString().slice(0, 10)}. ${counts!.enterprises.toLocaleString('en')} enterprises, ` +
        `${sizes!.pairings.toLocaleString('en')} pairings, ${sizes!.visits.toLocaleString('en')} visits, ` +
        `${sizes!.needs.toLocaleString('en')} needs; in process, median and 90th percentile of ${RUNS} runs after a warm-up.`,
      '',
      'Paired priorities are counted from the pairings’ own flag (service_pairings.priority, kept by priority-flags.ts), not by a probe of',
      'the worklist per pairing; the dashboard groups each table by path before grouping by the unit below, and reads the needs once.',
      '',
      '| read | p50 | p90 |',
      '| --- | ---: | ---: |',
      ...rows,
    ].join('\n'),
  );
  await database.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
