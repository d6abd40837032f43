// Consistency of the coverage figures: a parent's counts are the sum of its children's; each count
// equals the length of its drill-down list; and the figures as of any date equal a
// recomputation from the raw facts as of that date (random histories, random dates).
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildDistrictScene,
  buildEnterprise,
  buildOrg,
  buildUser,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import { newId } from '../platform/ids';
import type { OrgDetail } from '../orgs/contract';
import {
  COVERAGE_MEASURES,
  DEFAULT_RULE,
  type CoverageCounts,
  type CoverageView,
  type TrendView,
} from './contract';
import type { EnterprisePage } from '../enterprises/contract';
import { buildSeries } from './series-store';
import type { JobView } from '../platform/shared/jobs-contract';
import { addDays } from '../platform/shared/dates';

const ctx = setupTestApp();
let district: OrgDetail;
let towns: OrgDetail[];
let staff: Client;

interface Fact {
  kind: string;
  eventDate: string | null;
  validFrom: string | null;
  validTo: string | null;
  value: number | null;
}
interface Firm {
  id: string;
  town: number;
  employees: number | null;
  registeredOn: string | null;
  closedOn: string | null;
  ownership: string;
  facts: (Fact & { id: string })[];
}
const firms: Firm[] = [];

const day = fc.integer({ min: 0, max: 60 }).map((n) => addDays('2008-01-01', n * 100));
const factArb = fc.record({
  kind: fc.constantFrom(
    'headcount',
    'jointUnion',
    'unionFounded',
    'unionFounded',
    'unionDissolved',
    'membership',
    'wageAgreement',
    'collectiveContract',
    'workersCongress',
    'affairsDisclosure',
  ),
  eventDate: day,
  validFrom: day,
  span: fc.integer({ min: 30, max: 1200 }),
  value: fc.integer({ min: 1, max: 400 }),
});
const firmArb = fc.record({
  town: fc.integer({ min: 0, max: 2 }),
  employees: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
  registeredOn: fc.option(day, { nil: null }),
  closedAfter: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: null }),
  ownership: fc.constantFrom('private', 'foreign', 'state'),
  facts: fc.array(factArb, { maxLength: 6 }),
});

beforeAll(async () => {
  ({ district, staff } = await buildDistrictScene(ctx));
  towns = [
    await buildOrg({ parent: district, name: '一号街道工会' }),
    await buildOrg({ parent: district, name: '二号街道工会' }),
  ];
  // A third "town" index puts the enterprise at the district itself (直属).
  const generated = fc.sample(fc.array(firmArb, { minLength: 25, maxLength: 25 }), {
    numRuns: 1,
    seed: 20111,
  })[0]!;
  // Two firms registered at the district itself, so that the 直属 row has figures to check.
  for (const employees of [60, 200]) {
    generated.push({
      town: 2,
      employees,
      registeredOn: '2009-01-01',
      closedAfter: null,
      ownership: 'private',
      facts: [
        { kind: 'unionFounded', eventDate: '2010-03-01', validFrom: '2010-03-01', span: 30, value: 40 },
        { kind: 'wageAgreement', eventDate: '2014-01-01', validFrom: '2014-01-01', span: 1095, value: 1 },
      ],
    });
  }
  for (const g of generated) {
    const host = g.town < 2 ? towns[g.town]! : district;
    const e = await buildEnterprise({ org: host, employees: g.employees });
    const closedOn = g.registeredOn && g.closedAfter ? addDays(g.registeredOn, g.closedAfter) : null;
    await ctx.database.rows(
      'update enterprises set registered_on = $2, closed_on = $3, ownership = $4 where id = $1',
      [e.id, g.registeredOn, closedOn, g.ownership],
    );
    const facts = g.facts.map((f) => {
      const contract = f.kind === 'wageAgreement' || f.kind === 'collectiveContract';
      return {
        id: newId(),
        kind: f.kind,
        eventDate: f.eventDate,
        validFrom: contract ? f.validFrom : null,
        validTo: contract ? addDays(f.validFrom, f.span) : null,
        value:
          f.kind === 'membership' || f.kind === 'unionFounded'
            ? f.value
            : f.kind === 'headcount'
              ? f.value % 40
              : f.kind === 'jointUnion'
                ? f.value % 2
                : null,
      };
    });
    for (const f of facts) {
      await ctx.database.rows(
        'insert into enterprise_facts (id, enterprise_id, kind, event_date, valid_from, valid_to, value) values ($1, $2, $3, $4, $5, $6, $7)',
        [f.id, e.id, f.kind, f.eventDate, f.validFrom, f.validTo, f.value],
      );
    }
    firms.push({
      id: e.id,
      town: g.town,
      employees: g.employees,
      registeredOn: g.registeredOn,
      closedOn,
      ownership: g.ownership,
      facts,
    });
  }
  // The scene went straight into the tables, as a bulk load does; the series follow a rebuild.
  await ctx.database.transaction((tx) => buildSeries(tx, { full: true }));
});

/** The counts recomputed in plain code from the raw facts, for the firms matching `where`. */
function recompute(
  date: string,
  where: (f: Firm) => boolean,
  minEmployees = DEFAULT_RULE.minEmployees,
  jointUnionCounts = DEFAULT_RULE.jointUnionCounts,
): CoverageCounts {
  const c: CoverageCounts = {
    enterprises: 0,
    unionised: 0,
    employees: 0,
    unionisedEmployees: 0,
    members: 0,
    wageAgreement: 0,
    wageAgreementEmployees: 0,
    workersCongress: 0,
    collectiveContract: 0,
    affairsDisclosure: 0,
  };
  for (const firm of firms.filter(where)) {
    if (firm.registeredOn && firm.registeredOn > date) continue;
    if (firm.closedOn && firm.closedOn <= date) continue;
    const known = firm.facts.filter((f) => f.eventDate === null || f.eventDate <= date);
    const has = (kind: string) => known.some((f) => f.kind === kind);
    const valid = (kind: string) =>
      known.some((f) => f.kind === kind && f.validFrom! <= date && f.validTo! >= date);
    // The head count in force: the latest recorded up to the date, else the registry's.
    const counted = known
      .filter((f) => f.kind === 'headcount')
      .sort((a, b) =>
        a.eventDate! !== b.eventDate! ? (a.eventDate! < b.eventDate! ? 1 : -1) : a.id < b.id ? 1 : -1,
      )[0];
    const employees = counted?.value ?? firm.employees ?? 0;
    if (employees < minEmployees) continue;
    c.enterprises += 1;
    c.employees += employees;
    // The union exists when its latest founding or dissolution (ties: the later fact) founded it.
    const unionEvent = known
      .filter((f) => f.kind === 'unionFounded' || f.kind === 'unionDissolved')
      .sort((a, b) =>
        a.eventDate! !== b.eventDate! ? (a.eventDate! < b.eventDate! ? 1 : -1) : a.id < b.id ? 1 : -1,
      )[0];
    // A joint union covers it when its latest joint-union fact says so (value 1).
    const joint = known
      .filter((f) => f.kind === 'jointUnion')
      .sort((a, b) =>
        a.eventDate! !== b.eventDate! ? (a.eventDate! < b.eventDate! ? 1 : -1) : a.id < b.id ? 1 : -1,
      )[0];
    if (unionEvent?.kind !== 'unionFounded' && !(jointUnionCounts && joint?.value === 1)) continue;
    c.unionised += 1;
    c.unionisedEmployees += employees;
    const latest = known
      .filter((f) => (f.kind === 'membership' || f.kind === 'unionFounded') && f.value !== null)
      .sort((a, b) =>
        a.eventDate! !== b.eventDate! ? (a.eventDate! < b.eventDate! ? 1 : -1) : a.id < b.id ? 1 : -1,
      )[0];
    c.members += latest?.value ?? 0;
    if (valid('wageAgreement')) {
      c.wageAgreement += 1;
      c.wageAgreementEmployees += employees;
    }
    if (has('workersCongress')) c.workersCongress += 1;
    if (valid('collectiveContract')) c.collectiveContract += 1;
    if (has('affairsDisclosure')) c.affairsDisclosure += 1;
  }
  return c;
}

describe('coverage indicators', () => {
  it('as of any date equal a recomputation from the raw facts, for the node and each child', async () => {
    const seen: number[] = [];
    await fc.assert(
      fc.asyncProperty(day, async (date) => {
        const view = json<CoverageView>(await staff.get(`/api/coverage?orgId=${district.id}&date=${date}`));
        expect(view.node.counts).toEqual(recompute(date, () => true));
        seen.push(view.node.counts.unionised);
        const byName = new Map(view.children.map((r) => [r.org?.name ?? '直属', r.counts]));
        expect(byName.get('一号街道工会')).toEqual(recompute(date, (f) => f.town === 0));
        expect(byName.get('二号街道工会')).toEqual(recompute(date, (f) => f.town === 1));
        const direct = recompute(date, (f) => f.town === 2);
        if (direct.enterprises > 0) expect(byName.get('直属')).toEqual(direct);
      }),
      { numRuns: 15 },
    );
    expect(Math.max(...seen)).toBeGreaterThan(0);
  });

  it('the trend is the figures at each of the last 23 month ends and on the date itself', async () => {
    const trend = json<TrendView>(
      await staff.get(`/api/coverage/trend?orgId=${district.id}&date=2013-03-15`),
    );
    expect(trend.points.map((p) => p.date)).toEqual([
      ...['2011-04-30', '2011-05-31', '2011-06-30', '2011-07-31', '2011-08-31', '2011-09-30'],
      ...['2011-10-31', '2011-11-30', '2011-12-31', '2012-01-31', '2012-02-29', '2012-03-31'],
      ...['2012-04-30', '2012-05-31', '2012-06-30', '2012-07-31', '2012-08-31', '2012-09-30'],
      ...['2012-10-31', '2012-11-30', '2012-12-31', '2013-01-31', '2013-02-28', '2013-03-15'],
    ]);
    for (const p of trend.points) expect(p.counts, p.date).toEqual(recompute(p.date, () => true));
    expect(new Set(trend.points.map((p) => p.counts.enterprises)).size).toBeGreaterThan(1);
    // Before the cached range the points are computed directly, and still right.
    const early = json<TrendView>(
      await staff.get(`/api/coverage/trend?orgId=${district.id}&date=2001-02-10`),
    );
    expect(early.points[0]!.date).toBe('1999-03-31');
    for (const p of early.points) expect(p.counts, p.date).toEqual(recompute(p.date, () => true));
  });

  it('a parent’s counts are the sum of its rows, and each count is the length of its list', async () => {
    let sawDirect = false;
    for (const date of ['2011-06-30', '2015-06-30', '2024-01-01']) {
      const view = json<CoverageView>(await staff.get(`/api/coverage?orgId=${district.id}&date=${date}`));
      // The random histories give real figures to compare, not only zeros.
      if (date !== '2011-06-30') expect(view.node.counts.unionised).toBeGreaterThan(0);
      for (const key of Object.keys(view.node.counts) as (keyof CoverageCounts)[]) {
        expect(view.children.reduce((sum, r) => sum + r.counts[key], 0)).toBe(view.node.counts[key]);
      }
      const expected: Record<(typeof COVERAGE_MEASURES)[number], number> = {
        enterprises: view.node.counts.enterprises,
        unionised: view.node.counts.unionised,
        notUnionised: view.node.counts.enterprises - view.node.counts.unionised,
        wageAgreement: view.node.counts.wageAgreement,
        workersCongress: view.node.counts.workersCongress,
        collectiveContract: view.node.counts.collectiveContract,
        affairsDisclosure: view.node.counts.affairsDisclosure,
      };
      for (const measure of COVERAGE_MEASURES) {
        const list = json<EnterprisePage>(
          await staff.get(
            `/api/coverage/enterprises?orgId=${district.id}&date=${date}&measure=${measure}&pageSize=500`,
          ),
        );
        expect(list.total).toBe(expected[measure]);
        expect(list.items).toHaveLength(expected[measure]);
      }
      const direct = view.children.find((r) => r.org === null);
      if (direct) {
        sawDirect = true;
        for (const measure of ['enterprises', 'unionised', 'wageAgreement'] as const) {
          const list = json<EnterprisePage>(
            await staff.get(
              `/api/coverage/enterprises?orgId=${district.id}&date=${date}&measure=${measure}&direct=true&pageSize=500`,
            ),
          );
          expect(list.total, `直属 ${measure}`).toBe(direct.counts[measure]);
        }
      }
      for (const row of view.children.filter((r) => r.org)) {
        const list = json<EnterprisePage>(
          await staff.get(
            `/api/coverage/enterprises?orgId=${row.org!.id}&date=${date}&measure=unionised&pageSize=500`,
          ),
        );
        expect(list.total).toBe(row.counts.unionised);
      }
    }
    expect(sawDirect).toBe(true);
  });

  it('is scoped: another district answers 404, a role without coverage:read 403, bad input 400', async () => {
    const other = await buildOrg({ name: '相城区总工会' });
    expect((await staff.get(`/api/coverage?orgId=${other.id}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/coverage/trend?orgId=${other.id}`)).statusCode).toBe(404);
    expect((await staff.get('/api/coverage/trend?date=2011-13-01')).statusCode).toBe(400);
    const info = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
    expect((await info.get('/api/coverage')).statusCode).toBe(403);
    expect((await staff.get('/api/coverage?date=2011-02-30')).statusCode).toBe(400);
    expect((await staff.get('/api/coverage/enterprises?measure=everything')).statusCode).toBe(400);
    const own = json<CoverageView>(await staff.get('/api/coverage'));
    expect(own.node.org?.id).toBe(district.id);
  });
});

/** Waits for the series job a rule change started, if any. */
async function settled(client: Client, res: { body: string }) {
  const { seriesJobId } = JSON.parse(res.body) as { seriesJobId: string | null };
  expect(seriesJobId).not.toBeNull();
  for (;;) {
    const job = json<JobView>(await client.get(`/api/jobs/${seriesJobId}`));
    if (job.state !== 'running') {
      expect(job.state).toBe('succeeded');
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('denominator rules by year', () => {
  it('the city federation sets a year’s rule; the figures of that year follow it', async () => {
    const root = await rootFederation();
    const city = await loginAs(
      ctx,
      await buildUser({ role: 'federationStaff', department: 'organisation', org: root }),
    );
    const before = json<CoverageView>(await staff.get(`/api/coverage?orgId=${district.id}&date=2024-01-01`));
    expect(before.rule).toEqual(DEFAULT_RULE);
    const res = await city.request('PUT', '/api/coverage/rules/2024', {
      minEmployees: 100,
      ownerships: ['private', 'foreign'],
      jointUnionCounts: false,
    });
    expect(res.statusCode, res.body).toBe(200);
    // Until the job has built the new rule's series, the year's figures are computed directly;
    // both must be right.
    const direct = json<CoverageView>(await staff.get(`/api/coverage?orgId=${district.id}&date=2024-01-01`));
    await settled(city, res);
    const after = json<CoverageView>(await staff.get(`/api/coverage?orgId=${district.id}&date=2024-01-01`));
    expect(after.node.counts).toEqual(direct.node.counts);
    expect(await ctx.database.rows('select rule_key from coverage_series')).toHaveLength(2);
    expect(after.rule).toMatchObject({ minEmployees: 100, ownerships: ['private', 'foreign'] });
    const expected = recompute('2024-01-01', (f) => ['private', 'foreign'].includes(f.ownership), 100, false);
    expect(after.node.counts).toEqual(expected);
    expect(after.node.counts.enterprises).toBeLessThan(before.node.counts.enterprises);
    // Another year keeps the default.
    expect(
      json<CoverageView>(await staff.get(`/api/coverage?orgId=${district.id}&date=2023-06-30`)).rule,
    ).toEqual(DEFAULT_RULE);
    // Changing it needs the version seen; a district cannot set rules; bad input is named.
    expect(
      (
        await city.request('PUT', '/api/coverage/rules/2024', {
          minEmployees: 25,
          ownerships: ['private'],
          jointUnionCounts: true,
        })
      ).statusCode,
    ).toBe(409);
    const changed = await city.request('PUT', '/api/coverage/rules/2024', {
      minEmployees: 25,
      ownerships: ['private'],
      jointUnionCounts: true,
      version: 1,
    });
    expect(changed.statusCode).toBe(200);
    await settled(city, changed);
    // The replaced rule's series is gone; the default's and the new one's remain.
    expect(await ctx.database.rows('select rule_key from coverage_series')).toHaveLength(2);
    expect(
      (
        await staff.request('PUT', '/api/coverage/rules/2024', {
          minEmployees: 25,
          ownerships: ['private'],
          jointUnionCounts: true,
          version: 2,
        })
      ).statusCode,
    ).toBe(403);
    const bad = await city.request('PUT', '/api/coverage/rules/2024', {
      minEmployees: -1,
      ownerships: [],
      jointUnionCounts: 'yes',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await city.request('PUT', '/api/coverage/rules/1900', {
          minEmployees: 1,
          ownerships: ['private'],
          jointUnionCounts: true,
        })
      ).statusCode,
    ).toBe(400);
    const list = json<{ items: { year: number; version: number }[] }>(await city.get('/api/coverage/rules'));
    expect(list.items).toEqual([expect.objectContaining({ year: 2024, version: 2 })]);
  });
});

describe('targets', () => {
  it('are set by the level above and shown beside the figures of their year', async () => {
    const root = await rootFederation();
    const city = await loginAs(
      ctx,
      await buildUser({ role: 'federationStaff', department: 'organisation', org: root }),
    );
    const set = await city.request('PUT', `/api/coverage/targets/${district.id}`, {
      year: 2024,
      targets: { establishmentRate: 0.9, wageBargainingRate: 0.8 },
    });
    expect(set.statusCode, set.body).toBe(200);
    // A district sets its townships' targets, not its own; a sibling's is out of reach.
    expect(
      (
        await staff.request('PUT', `/api/coverage/targets/${towns[0]!.id}`, {
          year: 2024,
          targets: { establishmentRate: 0.95 },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await staff.request('PUT', `/api/coverage/targets/${district.id}`, {
          year: 2024,
          targets: { establishmentRate: 0.5 },
        })
      ).statusCode,
    ).toBe(403);
    const sibling = await buildOrg({ name: '太仓市总工会' });
    expect(
      (
        await staff.request('PUT', `/api/coverage/targets/${sibling.id}`, {
          year: 2024,
          targets: { establishmentRate: 0.5 },
        })
      ).statusCode,
    ).toBe(404);
    const bad = await city.request('PUT', `/api/coverage/targets/${district.id}`, {
      year: 2024,
      targets: { establishmentRate: 1.5, nonsense: 0.2 },
    });
    expect(bad.statusCode).toBe(400);
    const view = json<CoverageView>(await staff.get(`/api/coverage?orgId=${district.id}&date=2024-06-30`));
    expect(view.node.targets).toEqual({ establishmentRate: 0.9, wageBargainingRate: 0.8 });
    expect(view.children.find((r) => r.org?.id === towns[0]!.id)?.targets).toEqual({
      establishmentRate: 0.95,
    });
    // Another year has none; null removes one.
    expect(
      json<CoverageView>(await staff.get(`/api/coverage?orgId=${district.id}&date=2023-06-30`)).node.targets,
    ).toEqual({});
    await city.request('PUT', `/api/coverage/targets/${district.id}`, {
      year: 2024,
      targets: { wageBargainingRate: null },
    });
    expect(
      json<{ targets: object }>(await staff.get(`/api/coverage/targets/${district.id}?year=2024`)).targets,
    ).toEqual({ establishmentRate: 0.9 });
  });
});
