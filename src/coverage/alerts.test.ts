// Due-date alerts: each kind around its boundaries, the summary equal to the lists, a new fact
// clearing an alert at once, scope and validation. Dates are relative to today.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDistrictScene,
  buildEnterprise,
  buildOrg,
  buildUser,
  clientFor,
  json,
  loginAs,
  patchEnterprise,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type { OrgDetail } from '../orgs/contract';
import type { EnterpriseDetail } from '../enterprises/contract';
import {
  ALERT_KINDS,
  CONTRACT_ALERT_KINDS,
  type AlertKind,
  type AlertPage,
  type AlertSummary,
} from './alerts-contract';
import { chinaToday, utcDay } from '../platform/shared/dates';

const ctx = setupTestApp();
let district: OrgDetail;
let otherTown: OrgDetail;
let staff: Client;

beforeAll(async () => {
  ({ district, otherTown, staff } = await buildDistrictScene(ctx));
});

const DAY = 86_400_000;
const iso = utcDay;
const today = () => chinaToday();
const shift = (date: string, days: number) => iso(Date.parse(`${date}T00:00:00Z`) + days * DAY);
const daysFromToday = (n: number) => shift(today(), n);
/** The same day `years` earlier; a 29 February becomes 1 March (the later day). */
function yearsBefore(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return iso(d.getTime());
}
const thisYear = () => Number(today().slice(0, 4));

async function addFact(e: { id: string }, body: object, by = staff): Promise<EnterpriseDetail> {
  const res = await by.post(`/api/enterprises/${e.id}/facts`, body);
  expect(res.statusCode, res.body).toBe(200);
  return json<EnterpriseDetail>(res);
}

/** An operating enterprise in `town` with a union founded in 2015. */
async function unionised(town: OrgDetail, by = staff): Promise<EnterpriseDetail> {
  const e = await buildEnterprise({ org: town });
  await addFact(e, { kind: 'unionFounded', eventDate: '2015-01-01', value: 30 }, by);
  return e;
}

async function contract(e: { id: string }, kind: string, validFrom: string, validTo: string) {
  const signed = validFrom < today() ? validFrom : today();
  return addFact(e, { kind, eventDate: signed, validFrom, validTo });
}

async function list(orgId: string, kind: AlertKind, extra = ''): Promise<AlertPage> {
  const res = await staff.get(`/api/coverage/alerts?orgId=${orgId}&kind=${kind}&pageSize=500${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<AlertPage>(res);
}

const ids = (page: AlertPage) => page.items.map((i) => i.enterprise.id);

async function summary(orgId: string, extra = ''): Promise<AlertSummary> {
  const res = await staff.get(`/api/coverage/alerts/summary?orgId=${orgId}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<AlertSummary>(res);
}

const LABELS = {
  collectiveContract: '集体合同',
  wageAgreement: '工资专项集体协议',
  womenContract: '女职工专项集体合同',
} as const;

describe('contracts and agreements expiring or expired', () => {
  it.each(CONTRACT_ALERT_KINDS)(
    '%s: today and within the days expire, the day after does not',
    async (kind) => {
      const town = await buildOrg({ parent: district });
      const label = LABELS[kind];
      const endsToday = await unionised(town);
      await contract(endsToday, kind, daysFromToday(-300), today());
      const endsIn30 = await unionised(town);
      await contract(endsIn30, kind, daysFromToday(-300), daysFromToday(30));
      const endsIn31 = await unionised(town);
      await contract(endsIn31, kind, daysFromToday(-300), daysFromToday(31));
      const endedYesterday = await unionised(town);
      await contract(endedYesterday, kind, daysFromToday(-400), daysFromToday(-1));
      const neverSigned = await unionised(town);
      // An enterprise without a union, and a closed one, get no contract alerts.
      const noUnion = await buildEnterprise({ org: town });
      const closed = await unionised(town);
      await contract(closed, kind, daysFromToday(-300), daysFromToday(5));
      await patchEnterprise(closed.id, { status: 'closed', closedOn: today() });

      const page = await list(town.id, kind);
      // Most urgent first: the one already expired, then the one ending soonest.
      expect(ids(page)).toEqual([endedYesterday.id, endsToday.id, endsIn30.id]);
      expect(page.total).toBe(3);
      expect(page.items.map((i) => i.reason)).toEqual([
        `${label}已于 ${daysFromToday(-1)} 到期`,
        `${label}将于 ${today()} 到期（今天到期）`,
        `${label}将于 ${daysFromToday(30)} 到期（还有 30 天）`,
      ]);
      expect(page.items.map((i) => [i.state, i.daysLeft])).toEqual([
        ['expired', -1],
        ['expiring', 0],
        ['expiring', 30],
      ]);
      for (const e of [endsIn31, neverSigned, noUnion, closed]) expect(ids(page)).not.toContain(e.id);

      expect(ids(await list(town.id, kind, '&withinDays=31'))).toContain(endsIn31.id);
      expect(ids(await list(town.id, kind, '&withinDays=1'))).toEqual([endedYesterday.id, endsToday.id]);
      expect(ids(await list(town.id, kind, '&state=expired'))).toEqual([endedYesterday.id]);
      expect(ids(await list(town.id, kind, '&state=expiring'))).toEqual([endsToday.id, endsIn30.id]);
      // Paged in the same order, with the total on every page, also past the end.
      for (const [pageNo, expected] of [
        [2, [endsIn30.id]],
        [3, []],
      ] as const) {
        const res = await staff.get(
          `/api/coverage/alerts?orgId=${town.id}&kind=${kind}&pageSize=2&page=${pageNo}`,
        );
        expect(ids(json<AlertPage>(res))).toEqual(expected);
        expect(json<AlertPage>(res).total).toBe(3);
      }

      const counts = (await summary(town.id)).kinds.find((k) => k.kind === kind);
      expect(counts).toEqual({ kind, total: 3, expiring: 2, expired: 1 });
      // Other windows count exactly their days' ends, the last day in, the day after out.
      for (const [withinDays, expiring] of [
        [1, 1],
        [29, 1],
        [31, 3],
        [90, 3],
      ] as const) {
        const other = (await summary(town.id, `&withinDays=${withinDays}`)).kinds.find(
          (k) => k.kind === kind,
        );
        expect(other, `within ${withinDays}`).toEqual({ kind, total: expiring + 1, expiring, expired: 1 });
      }

      // A renewal signed ahead (starting after the current one ends) clears "expiring" at once;
      // a new one valid today clears "expired".
      await contract(endsIn30, kind, daysFromToday(31), daysFromToday(400));
      await contract(endedYesterday, kind, daysFromToday(-1), daysFromToday(364));
      expect(ids(await list(town.id, kind))).toEqual([endsToday.id]);
      // The other kinds are not affected by this kind's contracts.
      for (const other of CONTRACT_ALERT_KINDS.filter((k) => k !== kind))
        expect((await list(town.id, other)).total).toBe(0);
    },
  );

  it('a renewal that leaves a gap does not hide an expired contract', async () => {
    const town = await buildOrg({ parent: district });
    const e = await unionised(town);
    await contract(e, 'wageAgreement', daysFromToday(-370), daysFromToday(-5));
    await contract(e, 'wageAgreement', daysFromToday(10), daysFromToday(375));
    const page = await list(town.id, 'wageAgreement');
    expect(page.items.map((i) => i.reason)).toEqual([`工资专项集体协议已于 ${daysFromToday(-5)} 到期`]);
  });
});

describe('committee terms overdue for election', () => {
  it('is overdue the day after the term ends, as the enterprise page says', async () => {
    const town = await buildOrg({ parent: district });
    const longAgo = await unionised(town);
    await addFact(longAgo, { kind: 'termElection', eventDate: '2015-06-01', value: 3 });
    const endedYesterday = await unionised(town);
    // Five years before today, less a day: the term ended yesterday (two days on a 1 March
    // after a 29 February, never today).
    await addFact(endedYesterday, {
      kind: 'termElection',
      eventDate: shift(yearsBefore(today(), 5), -1),
      value: 5,
    });
    const endsToday = await unionised(town);
    await addFact(endsToday, { kind: 'termElection', eventDate: yearsBefore(today(), 5), value: 5 });
    const recent = await unionised(town);
    await addFact(recent, { kind: 'termElection', eventDate: daysFromToday(-30), value: 3 });
    // No election recorded: the term length is unknown, so it is not counted overdue.
    const noElection = await unionised(town);
    const noUnion = await buildEnterprise({ org: town });

    const page = await list(town.id, 'electionOverdue');
    expect(ids(page)).toEqual([longAgo.id, endedYesterday.id]);
    expect(page.items[0]?.reason).toBe('换届逾期：上次换届 2015-06-01，任期 3 年（应于 2018-06-01 前换届）');
    expect(page.items[1]?.state).toBe('expired');
    expect(page.items[1]?.daysLeft).toBeLessThan(0);

    // The same definition as the enterprise's own electionOverdue flag.
    for (const e of [longAgo, endedYesterday, endsToday, recent, noElection, noUnion]) {
      const view = json<EnterpriseDetail>(await staff.get(`/api/enterprises/${e.id}`));
      expect(view.electionOverdue, view.name).toBe(ids(page).includes(e.id));
    }

    await addFact(longAgo, { kind: 'termElection', eventDate: daysFromToday(-1), value: 5 });
    expect(ids(await list(town.id, 'electionOverdue'))).toEqual([endedYesterday.id]);
  });
});

describe("members' evaluation of the current year", () => {
  it('lists unionised enterprises without this year’s evaluation, never evaluated first', async () => {
    const town = await buildOrg({ parent: district });
    const votes = { satisfied: 20, basic: 5, unsatisfied: 5 };
    const lastYear = await unionised(town);
    await addFact(lastYear, {
      kind: 'memberEvaluation',
      eventDate: `${thisYear() - 1}-12-15`,
      value: thisYear() - 1,
      data: votes,
    });
    const never = await unionised(town);
    const done = await unionised(town);
    await addFact(done, { kind: 'memberEvaluation', eventDate: today(), value: thisYear(), data: votes });
    const noUnion = await buildEnterprise({ org: town });

    const page = await list(town.id, 'memberEvaluation');
    expect(ids(page)).toEqual([never.id, lastYear.id]);
    expect(page.items.map((i) => i.reason)).toEqual([
      '本年度未开展会员评家（尚无评家记录）',
      `本年度未开展会员评家（最近一次为 ${thisYear() - 1} 年度）`,
    ]);
    expect(ids(page)).not.toContain(done.id);
    expect(ids(page)).not.toContain(noUnion.id);

    await addFact(never, { kind: 'memberEvaluation', eventDate: today(), value: thisYear(), data: votes });
    expect(ids(await list(town.id, 'memberEvaluation'))).toEqual([lastYear.id]);
  });
});

describe('summary', () => {
  it('counts exactly what the lists hold, at the township and the district, for any days', async () => {
    for (const withinDays of [30, 1, 365]) {
      for (const orgId of [district.id, (await buildOrg({ parent: district })).id]) {
        const s = await summary(orgId, `&withinDays=${withinDays}`);
        expect(s.withinDays).toBe(withinDays);
        expect(s.kinds.map((k) => k.kind)).toEqual([...ALERT_KINDS]);
        for (const k of s.kinds) {
          const days = `&withinDays=${withinDays}`;
          expect(k.total, k.kind).toBe((await list(orgId, k.kind, days)).total);
          if (k.expiring === null) continue;
          expect(k.expiring).toBe((await list(orgId, k.kind, `${days}&state=expiring`)).total);
          expect(k.expired).toBe((await list(orgId, k.kind, `${days}&state=expired`)).total);
        }
      }
    }
    // The district holds the townships built by the tests above: not an empty answer.
    const s = await summary(district.id);
    expect(s.org).toEqual({ id: district.id, name: district.name });
    expect(s.date).toBe(today());
    expect(s.withinDays).toBe(30);
    for (const k of s.kinds) expect(k.total, k.kind).toBeGreaterThan(0);
  });
});

describe('scope and validation', () => {
  it('a district sees its own subtree only; another district is 404; the city sees both', async () => {
    const city = await loginAs(ctx, await buildUser({ role: 'federationStaff' }));
    const outside = await unionised(otherTown, city);
    const mine = json<AlertSummary>(await staff.get('/api/coverage/alerts/summary'));
    expect(mine.org.id).toBe(district.id);
    const evaluation = json<AlertPage>(
      await staff.get('/api/coverage/alerts?kind=memberEvaluation&pageSize=500'),
    );
    expect(evaluation.total).toBe(mine.kinds.find((k) => k.kind === 'memberEvaluation')?.total);
    expect(ids(evaluation)).not.toContain(outside.id);
    expect((await staff.get(`/api/coverage/alerts/summary?orgId=${otherTown.id}`)).statusCode).toBe(404);
    expect(
      (await staff.get(`/api/coverage/alerts?orgId=${otherTown.id}&kind=memberEvaluation`)).statusCode,
    ).toBe(404);

    const all = json<AlertPage>(await city.get('/api/coverage/alerts?kind=memberEvaluation&pageSize=500'));
    expect(ids(all)).toContain(outside.id);
    expect(all.total).toBe(evaluation.total + 1);

    const info = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
    expect((await info.get('/api/coverage/alerts/summary')).statusCode).toBe(403);
    expect((await info.get('/api/coverage/alerts?kind=electionOverdue')).statusCode).toBe(403);
    expect((await clientFor(ctx).get('/api/coverage/alerts/summary')).statusCode).toBe(401);
  });

  it('rejects bad days, kinds and states with a 400 naming the field', async () => {
    for (const bad of ['0', '366', 'abc', '1.5', '-3']) {
      for (const url of ['/api/coverage/alerts/summary?', '/api/coverage/alerts?kind=wageAgreement&']) {
        const res = await staff.get(`${url}withinDays=${bad}`);
        expect(res.statusCode, `${url}${bad}`).toBe(400);
        const body = json<{ error: { message: string; details: { field: string; message: string }[] } }>(res);
        expect(body.error.details[0]).toEqual({
          field: 'withinDays',
          message: '提前提醒天数应为 1 到 365 之间的整数',
        });
        expect(body.error.message).toContain('withinDays');
      }
    }
    expect((await staff.get('/api/coverage/alerts')).statusCode).toBe(400);
    expect((await staff.get('/api/coverage/alerts?kind=bad')).statusCode).toBe(400);
    const state = await staff.get('/api/coverage/alerts?kind=memberEvaluation&state=expired');
    expect(state.statusCode).toBe(400);
    expect(json<{ error: { details: { field: string }[] } }>(state).error.details[0]?.field).toBe('state');
    expect((await staff.get('/api/coverage/alerts?kind=wageAgreement&withinDays=365')).statusCode).toBe(200);
    expect((await staff.get('/api/coverage/alerts?kind=wageAgreement&withinDays=1')).statusCode).toBe(200);
  });
});
