// Labour relations at a million enterprises and a hundred thousand risk reports on PGlite: the
// analysis (分析研判) for the city and a district, the report lists (first page, by grade, overdue,
// a district's, a search), a report with its trail, the home page's items, and the mediation
// cases, each timed in process (medians of RUNS runs after a warm-up).
// Run: GONGHUI_DATA_DIR=<a PGlite folder seeded with `npx gonghui seed demo --enterprises 1000000`>
//      npm run bench:labor   (REPORTS=100000 reports and CASES=5000 mediation cases over the last
//      two years are written once, on the first run over the folder, straight into the tables:
//      the last two days' still being handled, the last 40 days' in every state, then closed and
//      followed up, the follow-ups of the last three months partly still due)
import { openDatabase, setDatabase } from '../src/platform/db/client';
import { migrate } from '../src/platform/db/migrate';
import { actorByName } from '../src/orgs/setup';
import { DEMO_PASSWORD } from '../src/orgs/demo';
import { createUser } from '../src/orgs/users-service';
import { systemActor } from '../src/platform/access';
import { PERMISSIONS } from '../src/platform/shared/access-catalog';
import { chinaToday, shiftMonth } from '../src/platform/shared/dates';
import { laborAnalysis } from '../src/labor/analysis';
import { getReport, listReports } from '../src/labor/reports';
import { listCases } from '../src/labor/mediation';
import { rebuildReportSummary } from '../src/labor/summary';
import { sizeBandSql } from '../src/enterprises/service';
import { sql } from 'drizzle-orm';
import { waitingFor } from '../src/platform/waiting';
import { wireFeatures } from '../src/wiring';
import { machine, median, percentile, writeSection } from './lib';

const RUNS = Number(process.env.RUNS ?? 15);
const REPORTS = Number(process.env.REPORTS ?? 100_000);
const CASES = Number(process.env.CASES ?? 5_000);

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

type Database = Awaited<ReturnType<typeof openDatabase>>;

/** The demo users this bench reads as, made if the folder was seeded before they existed. */
async function ensureUsers(database: Database) {
  const wanted = [
    {
      username: 'legal',
      displayName: '孙法务',
      role: 'federationStaff',
      department: 'legal',
      org: '苏州市总工会',
    },
    {
      username: 'mediator_wuzhong',
      displayName: '吴调解',
      role: 'mediator',
      department: null,
      org: '吴中区总工会',
    },
  ] as const;
  for (const u of wanted) {
    const [found] = await database.rows<{ n: number }>(
      `select count(*)::int as n from users where username = $1`,
      [u.username],
    );
    if (found!.n) continue;
    const [org] = await database.rows<{ id: string }>(`select id from orgs where name = $1`, [u.org]);
    await createUser(systemActor(PERMISSIONS), {
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      department: u.department,
      orgId: org!.id,
      phone: null,
      password: DEMO_PASSWORD,
    });
  }
}

/**
 * REPORTS reports over the last 24 months at enterprises of every township, in every grade and
 * state (most closed and followed up, the recent ones still open, some overdue), and CASES
 * mediation cases of the district federations; written with set-based SQL.
 */
async function writeReports(database: Database) {
  const reporter = (
    await database.rows<{ id: string }>(`select id from users where username = 'cadre_wuzhong'`)
  )[0]!.id;
  const mediator = (
    await database.rows<{ id: string }>(`select id from users where username = 'mediator_wuzhong'`)
  )[0]!.id;
  await database.transaction(async (tx) => {
    // Up to 50 operating enterprises of each township, numbered: one pass over the registry.
    await tx.execute(`
      create temp table bench_firms on commit drop as
      select id, name, org_path, r from (
        select id, name, org_path, row_number() over (partition by org_path order by id) as r
        from enterprises where status = 'operating') x
      where r <= 50`);
    await tx.execute(`create index on bench_firms (org_path, r)`);
    await tx.execute(`analyze bench_firms`);
    await tx.execute(`
      with towns as (
        select o.id, o.path, p.id as parent_id, p.path as parent_path, row_number() over (order by o.path) as k
        from orgs o join orgs p on p.id = o.parent_id where o.kind = 'townshipUnion' and o.active),
      total as (select count(*) as n from towns),
      firms as (
        select g as i, t.id as town_id, t.path as town_path, t.parent_id, t.parent_path,
          (select b.id from bench_firms b where b.org_path = t.path and b.r = 1 + g % 50) as enterprise_id,
          now() - ((g::bigint * 104729) % (730 * 24)) * interval '1 hour' as at
        from generate_series(1, ${REPORTS}) g join towns t on t.k = 1 + (g * 7919) % (select n from total))
      insert into labor_reports (id, enterprise_id, enterprise_name, org_path, reporting_org_id, reporter_id, kinds,
        workers, amount_fen, months, occurred_on, description, computed_grade, grade, grade_reasons, rule_version,
        state, gravity, reported_at, awaiting_org_id, due_at, ack_path, overdue_at, escalations, acknowledged_at,
        handling_org_id, closed_at, outcome, follow_up_due, followed_up_at)
      select gen_random_uuid(), f.enterprise_id, coalesce((select name from bench_firms where id = f.enterprise_id), '某企业'),
        f.town_path, f.town_id, '${reporter}',
        case f.i % 8 when 0 then array['wageArrears'] when 1 then array['layoffs'] when 2 then array['stoppage']
          when 3 then array['wageArrears', 'ownerAbsconded'] when 4 then array['insuranceArrears']
          when 5 then array['closure'] when 6 then array['collectiveAction'] else array['other'] end,
        5 + (f.i * 31) % 200, ((f.i * 17) % 500) * 1000000, (f.i % 7), (f.at at time zone 'UTC' + interval '8 hours')::date,
        '拖欠职工工资', g.grade, g.grade, '["涉及职工人数"]'::jsonb, 0,
        s.state, array_position(array['red', 'orange', 'yellow', 'blue'], g.grade) - 1, f.at,
        case when s.state = 'reported' then f.parent_id end,
        case when s.state = 'reported' then f.at + interval '12 hours' end,
        f.parent_path,
        case when s.state = 'reported' and f.at < now() - interval '12 hours' then f.at + interval '12 hours' end,
        0,
        case when s.state <> 'reported' then f.at + interval '3 hours' end,
        case when s.state <> 'reported' then f.parent_id end,
        case when s.state in ('closed', 'followedUp') then f.at + interval '10 days' end,
        case when s.state in ('closed', 'followedUp') then '{"wagesPaidFen":100000,"workersSettled":5,"amountRecoveredFen":100000,"summary":"已支付"}'::jsonb end,
        case when s.state in ('closed', 'followedUp') then (f.at + interval '40 days')::date end,
        case when s.state = 'followedUp' then f.at + interval '40 days' end
      from firms f,
        lateral (select (array['red','orange','orange','yellow','yellow','yellow','blue','blue','blue','blue'])[1 + f.i % 10] as grade) g,
        lateral (select case
          when f.at > now() - interval '2 days' then (array['reported','acknowledged','handling'])[1 + f.i % 3]
          when f.at > now() - interval '40 days' then (array['reported','handling','resolved','closed'])[1 + f.i % 4]
          when f.at > now() - interval '90 days' then (array['closed','followedUp'])[1 + f.i % 2]
          else 'followedUp' end as state) s
    `);
    await tx.execute(`
      with d as (select id, path, row_number() over (order by path) as k
                 from orgs where kind = 'districtFederation' and active),
        total as (select count(*) as n from d)
      insert into labor_mediation_cases (id, org_id, org_path, year, seq, employer_name, workers, worker_count, claims,
        claimed_fen, facts, applied_on, mediator_ids, state, result, closed_on, agreed_fen, paid_fen, terms, created_by)
      select gen_random_uuid(), d.id, d.path, extract(year from day)::int,
        row_number() over (partition by d.id, extract(year from day) order by g), '某企业',
        '[{"name":"王建国","idNumber":"11010519491231002X","phone":null}]'::jsonb, 1,
        '[{"kind":"wages","amountFen":1200000}]'::jsonb, 1200000, '拖欠工资', day, array['${mediator}']::uuid[],
        case when g % 5 = 0 then 'open' else 'closed' end,
        case when g % 5 = 0 then null else (array['agreement','partial','none','withdrawn'])[1 + g % 4] end,
        case when g % 5 = 0 then null else day + 10 end,
        case when g % 5 = 0 then null else 1000000 end, case when g % 5 = 0 then null else 500000 end, null, '${mediator}'
      from generate_series(1, ${CASES}) g
        join d on d.k = 1 + g % (select n from total),
        lateral (select (current_date - (g * 7) % 700)::date as day) x
    `);
    await tx.execute(sql`
      update labor_reports r set industry = e.industry, size_band = ${sizeBandSql('e.employees')}
      from enterprises e where e.id = r.enterprise_id`);
    await rebuildReportSummary(tx);
  });
}

async function main() {
  const dataDir = process.env.GONGHUI_DATA_DIR;
  if (!dataDir)
    throw new Error('GONGHUI_DATA_DIR must name a PGlite folder seeded with a million demo enterprises');
  const database = await openDatabase({ dataDir });
  setDatabase(database);
  wireFeatures();
  await migrate(database);
  await ensureUsers(database);
  const [counts] = await database.rows<{ enterprises: number; reports: number }>(
    'select (select count(*) from enterprises)::int as enterprises, (select count(*) from labor_reports)::int as reports',
  );
  if (counts!.reports < REPORTS / 2) {
    console.log(`writing ${REPORTS} reports and ${CASES} mediation cases…`);
    const started = performance.now();
    await writeReports(database);
    console.log(`  in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  await database.rows('analyze');
  const [sizes] = await database.rows<{ reports: number; open: number; cases: number }>(
    `select (select count(*) from labor_reports)::int as reports,
       (select count(*) from labor_reports where state not in ('closed', 'followedUp'))::int as open,
       (select count(*) from labor_mediation_cases)::int as cases`,
  );
  const legal = await actorByName('legal');
  const wuzhong = await actorByName('wuzhong');
  const mediator = await actorByName('mediator_wuzhong');
  const [some] = await database.rows<{ id: string }>(
    `select id from labor_reports order by reported_at desc limit 1`,
  );
  const month = chinaToday().slice(0, 7);
  const [named] = await database.rows<{ name: string; industry: string }>(
    `select enterprise_name as name, industry from labor_reports
     where industry is not null order by reported_at desc limit 1`,
  );
  const window = { from: shiftMonth(month, -23), to: month };
  const page = { page: 1, pageSize: 20 };
  const cases: [string, () => Promise<unknown>][] = [
    ['analysis, city, 24 months', () => laborAnalysis(legal, { to: month })],
    ['analysis, 吴中区, 24 months', () => laborAnalysis(wuzhong, { to: month })],
    ['reports, city, first page', () => listReports(legal, page)],
    ['reports, city, red', () => listReports(legal, { ...page, grade: 'red' })],
    ['reports, city, overdue', () => listReports(legal, { ...page, due: 'overdue' })],
    ['reports, city, open (handling)', () => listReports(legal, { ...page, state: 'handling' })],
    ['reports, city, name search (纺织)', () => listReports(legal, { ...page, q: '纺织' })],
    ['reports, city, name search (one name)', () => listReports(legal, { ...page, q: named!.name })],
    [
      'reports, city, one industry over 24 months (drill-down)',
      () => listReports(legal, { ...page, ...window, industry: named!.industry }),
    ],
    [
      'reports, city, one size band over 24 months (drill-down)',
      () => listReports(legal, { ...page, ...window, sizeBand: '25to99' }),
    ],
    ['reports, 吴中区, first page', () => listReports(wuzhong, page)],
    ['reports, 吴中区, awaiting me', () => listReports(wuzhong, { ...page, due: 'awaitingMe' })],
    ['report with its trail', () => getReport(legal, some!.id)],
    ['home page waiting items, legal', () => waitingFor(legal)],
    ['home page waiting items, 吴中区 staff', () => waitingFor(wuzhong)],
    ['mediation cases, city', () => listCases(legal, page)],
    [
      'mediation cases, mediator’s own open',
      () => listCases(mediator, { ...page, mine: 'true', state: 'open' }),
    ],
  ];
  const rows: string[] = [];
  for (const [name, fn] of cases) {
    const times = await timed(fn);
    const line = `| ${name} | ${median(times).toFixed(1)} ms | ${percentile(times, 90).toFixed(1)} ms |`;
    console.log(line);
    rows.push(line);
  }
  writeSection(
    'Labour relations at a million enterprises (PGlite)',
    [
      `${machine()}; ${new Date().toISOString().slice(0, 10)}. ${counts!.enterprises.toLocaleString('en')} enterprises, ` +
        `${sizes!.reports.toLocaleString('en')} risk reports over 24 months (${sizes!.open.toLocaleString('en')} open), ` +
        `${sizes!.cases.toLocaleString('en')} mediation cases; in process, median and 90th percentile of ${RUNS} runs after a warm-up.`,
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
