// Labour competitions through the API: a district runs its own competitions and sees only its
// own and the city's; participating units report values that the organiser accepts or returns;
// totals equal the sum of accepted values per period and per district; a figure accepted from an
// adopted bulletin item keeps its link and is never accepted twice; refusals name their field.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildEnterprise,
  buildOrg,
  buildUser,
  clientFor,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../../tests/test-app';
import type { OrgDetail } from '../../orgs/contract';
import type { WaitingList } from '../../platform/shared/waiting-contract';
import type {
  CampaignBody,
  CampaignDetail,
  CampaignPage,
  SourceList,
  TotalsView,
  ValuePage,
  ValueView,
} from './contract';
import { periodsBetween, shiftDown, trimDecimal } from './periods';
import { splitUnit, suggest } from './sources';

const ctx = setupTestApp();
const BASE = '/api/competitions/campaigns';

let city: OrgDetail;
let wuzhong: OrgDetail;
let wuzhongTown: OrgDetail;
let wujiang: OrgDetail;
let shengze: OrgDetail;
let songling: OrgDetail;
let production: Client;
let wuzhongStaff: Client;
let wujiangStaff: Client;
let shengzeStaff: Client;
let songlingStaff: Client;
let chair: Client;
let officer: Client;
let editor: Client;

function ok<T>(res: { statusCode: number; body: string }): T {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return JSON.parse(res.body) as T;
}

function fieldOf(res: { statusCode: number; body: string }): string | undefined {
  expect(res.statusCode).toBe(400);
  const body = JSON.parse(res.body) as { error: { details?: { field: string }[] } };
  return body.error.details?.[0]?.field;
}

const body = (overrides: Partial<CampaignBody> = {}): CampaignBody => ({
  name: '2026年招商引资劳动竞赛',
  kind: 'labour',
  partners: ['吴江区商务局'],
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  cycle: 'quarter',
  ...overrides,
});

/** A competition of `client`'s unit with the units and participants given, and two indicators. */
async function competition(
  client: Client,
  units: OrgDetail[],
  overrides: Partial<CampaignBody> = {},
): Promise<CampaignDetail> {
  let c = ok<CampaignDetail>(await client.post(BASE, body(overrides)));
  c = ok(await client.put(`${BASE}/${c.id}/units`, { version: c.version, orgIds: units.map((u) => u.id) }));
  for (const u of units)
    c = ok(
      await client.post(`${BASE}/${c.id}/participants`, {
        kind: 'project',
        name: `${u.name}招商项目组`,
        orgId: u.id,
      }),
    );
  c = ok(
    await client.post(`${BASE}/${c.id}/indicators`, {
      name: '签约项目',
      unit: '项',
      decimals: 0,
      rollup: 'sum',
    }),
  );
  c = ok(
    await client.post(`${BASE}/${c.id}/indicators`, {
      name: '注册资本',
      unit: '亿美元',
      decimals: 2,
      rollup: 'sum',
    }),
  );
  return c;
}

beforeAll(async () => {
  city = await rootFederation();
  wuzhong = await buildOrg({ name: '吴中区总工会' });
  wuzhongTown = await buildOrg({ parent: wuzhong, name: '长桥街道工会' });
  wujiang = await buildOrg({ name: '吴江市总工会' });
  shengze = await buildOrg({ parent: wujiang, name: '盛泽镇工会' });
  songling = await buildOrg({ parent: wujiang, name: '松陵镇工会' });
  production = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', org: city, department: 'production' }),
  );
  wuzhongStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: wuzhong }));
  wujiangStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: wujiang }));
  shengzeStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: shengze }));
  songlingStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: songling }));
  chair = await loginAs(
    ctx,
    await buildUser({
      role: 'grassrootsChair',
      org: await buildOrg({ parent: shengze, kind: 'grassrootsUnion' }),
    }),
  );
  officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wujiang }));
  editor = await loginAs(ctx, await buildUser({ role: 'federationStaff', org: city, department: 'office' }));
});

describe('periods and units of measure', () => {
  it('lists the periods of each cycle and converts figures exactly', () => {
    expect(periodsBetween('quarter', '2026-02-10', '2026-12-31').map((p) => p.period)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
    expect(periodsBetween('month', '2026-11-05', '2027-01-02').map((p) => p.label)).toEqual([
      '2026年11月',
      '2026年12月',
      '2027年1月',
    ]);
    expect(periodsBetween('year', '2026-01-01', '2027-06-30').map((p) => p.period)).toEqual(['2026', '2027']);
    expect(shiftDown('3227000000.000000', 8)).toBe('32.27');
    expect(shiftDown('5', 4)).toBe('0.0005');
    expect(trimDecimal('415.000000')).toBe('415');
    expect(splitUnit('亿美元')).toEqual({ power: 8, base: '美元' });
    const indicators = [
      { id: 'a', name: '签约项目', unit: '项' },
      { id: 'b', name: '注册资本', unit: '亿美元' },
      { id: 'c', name: '先进个人', unit: '人' },
    ];
    expect(suggest({ value: '3227000000.000000', unit: '美元' }, indicators)).toEqual({
      indicatorId: 'b',
      indicatorName: '注册资本',
      value: '32.27',
    });
    expect(suggest({ value: '49', unit: '位' }, indicators)?.indicatorId).toBe('c');
    expect(suggest({ value: '415', unit: '项' }, indicators)?.value).toBe('415');
    expect(suggest({ value: '3', unit: '吨' }, indicators)).toBeNull();
  });
});

describe('competitions and their scope', () => {
  it('401 without signing in, 403 without competition:manage', async () => {
    expect((await clientFor(ctx).get(BASE)).statusCode).toBe(401);
    expect((await clientFor(ctx).post(BASE, body())).statusCode).toBe(401);
    expect((await chair.get(BASE)).statusCode).toBe(403);
    expect((await chair.post(BASE, body())).statusCode).toBe(403);
    expect((await officer.get(BASE)).statusCode).toBe(403);
  });

  it('refuses bad input with the field and a Chinese reason', async () => {
    expect(fieldOf(await wujiangStaff.post(BASE, body({ endsOn: '2025-12-31' })))).toBe('endsOn');
    expect(fieldOf(await wujiangStaff.post(BASE, { ...body(), kind: 'party' }))).toBe('kind');
    expect(fieldOf(await wujiangStaff.post(BASE, body({ name: '  ' })))).toBe('name');
    expect(fieldOf(await wujiangStaff.post(BASE, body({ startsOn: '2026-02-30' })))).toBe('startsOn');
    const res = await wujiangStaff.post(BASE, body({ cycle: 'week' as 'month' }));
    expect(fieldOf(res)).toBe('cycle');
    expect(res.body).toContain('填报周期');
    // Another district's unit as owner: as if it did not exist.
    expect((await wujiangStaff.post(BASE, body({ orgId: wuzhong.id }))).statusCode).toBe(404);
  });

  it('a district sees its own and the city competitions, never another district; manages only its own', async () => {
    const cityOne = ok<CampaignDetail>(
      await production.post(BASE, body({ name: '全市重点工程建功立业竞赛' })),
    );
    expect(cityOne).toMatchObject({ level: 'city', owner: { id: city.id }, manages: true });
    const wujiangOne = ok<CampaignDetail>(await wujiangStaff.post(BASE, body()));
    expect(wujiangOne).toMatchObject({ level: 'district', partners: ['吴江区商务局'], state: 'active' });
    const wuzhongOne = ok<CampaignDetail>(
      await wuzhongStaff.post(BASE, body({ name: '吴中区技能竞赛', kind: 'skill' })),
    );

    const seen = (page: CampaignPage) => page.items.map((i) => i.id);
    const fromWuzhong = ok<CampaignPage>(await wuzhongStaff.get(BASE));
    expect(seen(fromWuzhong)).toContain(cityOne.id);
    expect(seen(fromWuzhong)).toContain(wuzhongOne.id);
    expect(seen(fromWuzhong)).not.toContain(wujiangOne.id);
    expect(fromWuzhong.items.find((i) => i.id === cityOne.id)!.manages).toBe(false);
    // A township of 吴江 sees 吴江's and the city's.
    const fromShengze = seen(ok<CampaignPage>(await shengzeStaff.get(BASE)));
    expect(fromShengze).toEqual(expect.arrayContaining([cityOne.id, wujiangOne.id]));
    expect(fromShengze).not.toContain(wuzhongOne.id);
    // The city sees all.
    expect(seen(ok<CampaignPage>(await production.get(`${BASE}?pageSize=100`)))).toEqual(
      expect.arrayContaining([cityOne.id, wujiangOne.id, wuzhongOne.id]),
    );
    // Filters.
    expect(seen(ok<CampaignPage>(await wuzhongStaff.get(`${BASE}?kind=skill`)))).toEqual([wuzhongOne.id]);
    expect(ok<CampaignPage>(await wuzhongStaff.get(`${BASE}?year=2030`)).total).toBe(0);
    expect(fieldOf(await wuzhongStaff.get(`${BASE}?year=abc`))).toBe('year');

    expect((await wuzhongStaff.get(`${BASE}/${wujiangOne.id}`)).statusCode).toBe(404);
    expect((await wuzhongStaff.get(`${BASE}/${cityOne.id}`)).statusCode).toBe(200);
    expect(
      (await wuzhongStaff.patch(`${BASE}/${cityOne.id}`, { version: cityOne.version, name: '改' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await wuzhongStaff.patch(`${BASE}/${wujiangOne.id}`, { version: 1, name: '改' })).statusCode,
    ).toBe(404);
    expect(
      (
        await wuzhongStaff.post(`${BASE}/${cityOne.id}/indicators`, {
          name: '指标',
          unit: '项',
          decimals: 0,
          rollup: 'sum',
        })
      ).statusCode,
    ).toBe(403);
    // The city manages the district's; a stale version is refused.
    const renamed = ok<CampaignDetail>(
      await production.patch(`${BASE}/${wujiangOne.id}`, {
        version: wujiangOne.version,
        description: '全年竞赛',
      }),
    );
    expect(renamed.version).toBe(wujiangOne.version + 1);
    expect(
      (await wujiangStaff.patch(`${BASE}/${wujiangOne.id}`, { version: wujiangOne.version, name: '旧' }))
        .statusCode,
    ).toBe(409);
  });

  it('units lie in the owner subtree; participants belong to a unit; parts are removed only unused', async () => {
    let c = ok<CampaignDetail>(
      await wujiangStaff.post(BASE, body({ name: '吴江区创新竞赛', kind: 'innovation' })),
    );
    expect(
      fieldOf(
        await wujiangStaff.put(`${BASE}/${c.id}/units`, {
          version: c.version,
          orgIds: [shengze.id, wuzhongTown.id],
        }),
      ),
    ).toBe('orgIds.1');
    c = ok(await wujiangStaff.put(`${BASE}/${c.id}/units`, { version: c.version, orgIds: [shengze.id] }));
    expect(c.unitList).toEqual([{ id: shengze.id, name: '盛泽镇工会', district: '吴江市总工会' }]);
    expect(
      fieldOf(
        await wujiangStaff.post(`${BASE}/${c.id}/participants`, {
          kind: 'team',
          name: '班组',
          orgId: songling.id,
        }),
      ),
    ).toBe('orgId');
    expect(
      fieldOf(
        await wujiangStaff.post(`${BASE}/${c.id}/participants`, {
          kind: 'robot',
          name: '班组',
          orgId: shengze.id,
        }),
      ),
    ).toBe('kind');
    // An enterprise of the registry, within the owner's subtree only.
    const elsewhere = await buildEnterprise({ org: wuzhongTown });
    expect(
      fieldOf(
        await wujiangStaff.post(`${BASE}/${c.id}/participants`, {
          kind: 'team',
          name: '班组',
          orgId: shengze.id,
          enterpriseId: elsewhere.id,
        }),
      ),
    ).toBe('enterpriseId');
    const firm = await buildEnterprise({ org: shengze, name: '盛泽织造有限公司' });
    c = ok(
      await wujiangStaff.post(`${BASE}/${c.id}/participants`, {
        kind: 'team',
        name: '织造车间班组',
        orgId: shengze.id,
        enterpriseId: firm.id,
      }),
    );
    expect(c.participantList[0]!.enterprise).toEqual({ id: firm.id, name: '盛泽织造有限公司' });
    expect(c.participantList[0]).toMatchObject({
      kind: 'team',
      org: { name: '盛泽镇工会' },
      reportable: true,
    });
    expect(
      fieldOf(
        await wujiangStaff.post(`${BASE}/${c.id}/indicators`, {
          name: '率',
          unit: '%',
          decimals: 9,
          rollup: 'sum',
        }),
      ),
    ).toBe('decimals');
    c = ok(
      await wujiangStaff.post(`${BASE}/${c.id}/indicators`, {
        name: '合理化建议',
        unit: '条',
        decimals: 0,
        rollup: 'sum',
      }),
    );
    expect(
      fieldOf(
        await wujiangStaff.post(`${BASE}/${c.id}/indicators`, {
          name: '合理化建议',
          unit: '条',
          decimals: 0,
          rollup: 'sum',
        }),
      ),
    ).toBe('name');
    // A unit with participants is not removed.
    expect(
      (await wujiangStaff.put(`${BASE}/${c.id}/units`, { version: c.version, orgIds: [] })).statusCode,
    ).toBe(409);
    const participant = c.participantList[0]!.id;
    expect(
      (await wujiangStaff.delete(`${BASE}/${c.id}/participants/${participant}?version=${c.version - 1}`))
        .statusCode,
    ).toBe(409);
    c = ok(await wujiangStaff.delete(`${BASE}/${c.id}/participants/${participant}?version=${c.version}`));
    expect(c.participantList).toEqual([]);
    c = ok(
      await wujiangStaff.delete(`${BASE}/${c.id}/indicators/${c.indicators[0]!.id}?version=${c.version}`),
    );
    expect(c.indicators).toEqual([]);
  });
});

describe('values: reported by the units, checked by the organiser', () => {
  let c: CampaignDetail;
  const part = (org: OrgDetail) => c.participantList.find((p) => p.org.id === org.id)!.id;
  const projects = () => c.indicators[0]!.id;
  const capital = () => c.indicators[1]!.id;

  beforeAll(async () => {
    c = await competition(wujiangStaff, [shengze, songling], { name: '吴江区招商引资劳动竞赛（填报）' });
  });

  it('only the participant unit (and those above it) report; bad values name their field', async () => {
    const value = { participantId: part(shengze), indicatorId: projects(), period: '2026-Q1', value: '120' };
    expect((await clientFor(ctx).put(`${BASE}/${c.id}/values`, value)).statusCode).toBe(401);
    expect((await chair.put(`${BASE}/${c.id}/values`, value)).statusCode).toBe(403);
    expect((await wuzhongStaff.put(`${BASE}/${c.id}/values`, value)).statusCode).toBe(404);
    expect((await songlingStaff.put(`${BASE}/${c.id}/values`, value)).statusCode).toBe(403);
    expect(fieldOf(await shengzeStaff.put(`${BASE}/${c.id}/values`, { ...value, value: '12.5' }))).toBe(
      'value',
    );
    expect(fieldOf(await shengzeStaff.put(`${BASE}/${c.id}/values`, { ...value, value: '1e5' }))).toBe(
      'value',
    );
    expect(fieldOf(await shengzeStaff.put(`${BASE}/${c.id}/values`, { ...value, period: '2026-03' }))).toBe(
      'period',
    );
    expect(fieldOf(await shengzeStaff.put(`${BASE}/${c.id}/values`, { ...value, period: '2025-Q4' }))).toBe(
      'period',
    );
    expect(fieldOf(await shengzeStaff.put(`${BASE}/${c.id}/values`, { ...value, indicatorId: c.id }))).toBe(
      'indicatorId',
    );
    expect(fieldOf(await shengzeStaff.put(`${BASE}/${c.id}/values`, { ...value, participantId: c.id }))).toBe(
      'participantId',
    );
    const reported = ok<ValueView>(await shengzeStaff.put(`${BASE}/${c.id}/values`, value));
    expect(reported).toMatchObject({
      state: 'reported',
      value: '120',
      periodLabel: '2026年第1季度',
      actions: ['report'],
    });
    // The district above reports for its townships too.
    ok(
      await wujiangStaff.put(`${BASE}/${c.id}/values`, {
        ...value,
        participantId: part(songling),
        value: '80',
      }),
    );
  });

  it('report, accept, return, report again; wrong state and stale versions get 409', async () => {
    const list = ok<ValuePage>(await wujiangStaff.get(`${BASE}/${c.id}/values?state=reported`));
    expect(list.total).toBe(2);
    const first = list.items.find((v) => v.participant.id === part(shengze))!;
    expect(first.actions).toEqual(['accept', 'return', 'report']);
    // Only the organiser checks.
    expect(
      (await shengzeStaff.post(`${BASE}/${c.id}/values/${first.id}/accept`, { version: first.version }))
        .statusCode,
    ).toBe(403);
    expect(
      (await wujiangStaff.post(`${BASE}/${c.id}/values/${first.id}/accept`, { version: first.version + 1 }))
        .statusCode,
    ).toBe(409);
    const accepted = ok<ValueView>(
      await wujiangStaff.post(`${BASE}/${c.id}/values/${first.id}/accept`, { version: first.version }),
    );
    expect(accepted).toMatchObject({ state: 'accepted', checkedBy: { name: expect.any(String) as string } });
    const again = await wujiangStaff.post(`${BASE}/${c.id}/values/${first.id}/accept`, {
      version: accepted.version,
    });
    expect(again.statusCode).toBe(409);
    // An accepted value is not reported over.
    expect(
      (
        await shengzeStaff.put(`${BASE}/${c.id}/values`, {
          participantId: part(shengze),
          indicatorId: projects(),
          period: '2026-Q1',
          value: '1',
          version: accepted.version,
        })
      ).statusCode,
    ).toBe(409);

    const second = list.items.find((v) => v.participant.id === part(songling))!;
    expect(
      fieldOf(
        await wujiangStaff.post(`${BASE}/${c.id}/values/${second.id}/return`, { version: second.version }),
      ),
    ).toBe('reason');
    const returned = ok<ValueView>(
      await wujiangStaff.post(`${BASE}/${c.id}/values/${second.id}/return`, {
        version: second.version,
        reason: '与商务局统计口径不一致，请核对',
      }),
    );
    expect(returned).toMatchObject({ state: 'returned', returnReason: '与商务局统计口径不一致，请核对' });
    expect(
      (await wujiangStaff.post(`${BASE}/${c.id}/values/${second.id}/accept`, { version: returned.version }))
        .statusCode,
    ).toBe(409);
    const cell = { participantId: part(songling), indicatorId: projects(), period: '2026-Q1', value: '78' };
    expect((await songlingStaff.put(`${BASE}/${c.id}/values`, cell)).statusCode).toBe(409);
    expect(
      (await songlingStaff.put(`${BASE}/${c.id}/values`, { ...cell, version: second.version })).statusCode,
    ).toBe(409);
    const again2 = ok<ValueView>(
      await songlingStaff.put(`${BASE}/${c.id}/values`, { ...cell, version: returned.version }),
    );
    expect(again2).toMatchObject({ state: 'reported', value: '78', returnReason: null, id: second.id });
    const done = ok<ValueView>(
      await wujiangStaff.post(`${BASE}/${c.id}/values/${second.id}/accept`, { version: again2.version }),
    );
    // The trail: who reported, returned, reported again and accepted, with the values and the reason.
    expect(done.trail.map((e) => [e.kind, e.value, e.text])).toEqual([
      ['reported', '80', null],
      ['returned', '80', '与商务局统计口径不一致，请核对'],
      ['rereported', '78', null],
      ['accepted', '78', null],
    ]);
    expect(done.trail[2]!.actor.name).not.toBe(done.trail[1]!.actor.name);

    // Each unit sees its own values; the organiser sees all.
    expect(
      ok<ValuePage>(await songlingStaff.get(`${BASE}/${c.id}/values`)).items.map((v) => v.org.name),
    ).toEqual(['松陵镇工会']);
    expect(ok<ValuePage>(await wujiangStaff.get(`${BASE}/${c.id}/values`)).total).toBe(2);
    // The trail is audited.
    const audit = await ctx.database.rows<{ action: string }>(
      'select action from audit_log where entity_id = $1',
      [second.id],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'competition.campaign.value.report',
        'competition.campaign.value.return',
        'competition.campaign.value.accept',
      ]),
    );
    void capital;
  });

  it('the home page: values due for my unit, values waiting to be checked for the organiser', async () => {
    const home = ok<WaitingList>(await shengzeStaff.get('/api/home/waiting'));
    // 2 indicators × 4 quarters begun, one value reported.
    expect(home.items.find((i) => i.key === 'competition.campaign.report')?.count).toBeGreaterThanOrEqual(7);
    ok(
      await shengzeStaff.put(`${BASE}/${c.id}/values`, {
        participantId: part(shengze),
        indicatorId: capital(),
        period: '2026-Q2',
        value: '1.5',
      }),
    );
    const organiser = ok<WaitingList>(await wujiangStaff.get('/api/home/waiting'));
    expect(organiser.items.find((i) => i.key === 'competition.campaign.check')).toMatchObject({
      count: 1,
      link: '/competitions/campaigns?waiting=check',
    });
    expect(
      ok<WaitingList>(await wuzhongStaff.get('/api/home/waiting')).items.find(
        (i) => i.key === 'competition.campaign.check',
      ),
    ).toBeUndefined();
  });
});

describe('totals and rankings', () => {
  it('equal the sum of accepted values per period and per district, exactly', async () => {
    // The city's competition with units in two districts.
    const c = await competition(production, [wuzhongTown, shengze, songling], {
      name: '全市招商引资竞赛（汇总）',
    });
    const part = (org: OrgDetail) => c.participantList.find((p) => p.org.id === org.id)!.id;
    const capital = c.indicators[1]!.id;
    const values: [OrgDetail, Client, string, string, 'accept' | 'return' | 'leave'][] = [
      [wuzhongTown, wuzhongStaff, '2026-Q1', '10.10', 'accept'],
      [wuzhongTown, wuzhongStaff, '2026-Q2', '0.20', 'accept'],
      [shengze, shengzeStaff, '2026-Q1', '12.07', 'accept'],
      [shengze, shengzeStaff, '2026-Q2', '0.10', 'accept'],
      [songling, songlingStaff, '2026-Q1', '10.10', 'accept'],
      // Neither a value waiting nor a returned one counts.
      [songling, songlingStaff, '2026-Q2', '99.99', 'leave'],
      [songling, songlingStaff, '2026-Q3', '50', 'return'],
    ];
    for (const [org, client, period, value, then] of values) {
      const v = ok<ValueView>(
        await client.put(`${BASE}/${c.id}/values`, {
          participantId: part(org),
          indicatorId: capital,
          period,
          value,
        }),
      );
      if (then === 'accept')
        ok(await production.post(`${BASE}/${c.id}/values/${v.id}/accept`, { version: v.version }));
      if (then === 'return')
        ok(
          await production.post(`${BASE}/${c.id}/values/${v.id}/return`, {
            version: v.version,
            reason: '不实',
          }),
        );
    }
    const all = ok<TotalsView>(await production.get(`${BASE}/${c.id}/totals?indicatorId=${capital}`));
    expect(all.overall).toBe('32.57');
    expect(all.values).toBe(5);
    expect(all.byPeriod.map((p) => [p.period, p.total])).toEqual([
      ['2026-Q1', '32.27'],
      ['2026-Q2', '0.3'],
      ['2026-Q3', '0'],
      ['2026-Q4', '0'],
    ]);
    expect(all.byDistrict.map((d) => [d.name, d.total, d.rank])).toEqual([
      ['吴江市总工会', '22.27', 1],
      ['吴中区总工会', '10.3', 2],
    ]);
    expect(all.byUnit.map((u) => [u.name, u.total])).toEqual([
      ['盛泽镇工会', '12.17'],
      ['长桥街道工会', '10.3'],
      ['松陵镇工会', '10.1'],
    ]);
    // The totals add up: per district and per period, to the overall.
    const sum = (xs: (string | null)[]) => xs.reduce((s, x) => s + Math.round(Number(x) * 100), 0);
    expect(sum(all.byDistrict.map((d) => d.total))).toBe(3257);
    expect(sum(all.byPeriod.map((p) => p.total))).toBe(3257);
    const q1 = ok<TotalsView>(
      await production.get(`${BASE}/${c.id}/totals?indicatorId=${capital}&period=2026-Q1`),
    );
    expect(q1.overall).toBe('32.27');
    // Equal values share a rank.
    expect(q1.participants.map((p) => [p.org.name, p.total, p.rank]).sort()).toEqual(
      [
        ['松陵镇工会', '10.1', 2],
        ['盛泽镇工会', '12.07', 1],
        ['长桥街道工会', '10.1', 2],
      ].sort(),
    );
    expect(q1.byDistrict.map((d) => [d.name, d.total])).toEqual([
      ['吴江市总工会', '22.17'],
      ['吴中区总工会', '10.1'],
    ]);
    // A district reads the city's totals; refusals name the field.
    expect((await wuzhongStaff.get(`${BASE}/${c.id}/totals?indicatorId=${capital}`)).statusCode).toBe(200);
    expect(fieldOf(await production.get(`${BASE}/${c.id}/totals?indicatorId=${c.id}`))).toBe('indicatorId');
    expect(
      fieldOf(await production.get(`${BASE}/${c.id}/totals?indicatorId=${capital}&period=2027-Q1`)),
    ).toBe('period');
    expect((await chair.get(`${BASE}/${c.id}/totals?indicatorId=${capital}`)).statusCode).toBe(403);

    const xlsx = await production.get(`${BASE}/totals.xlsx?campaignId=${c.id}&indicatorId=${capital}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const other = await buildOrg({ name: '常熟市总工会' });
    const stranger = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: other }));
    expect(
      (await stranger.get(`${BASE}/totals.xlsx?campaignId=${c.id}&indicatorId=${capital}`)).statusCode,
    ).toBe(200);
    const wujiangOwn = ok<CampaignDetail>(await wujiangStaff.post(BASE, body({ name: '吴江区内部竞赛' })));
    expect(
      (await stranger.get(`${BASE}/totals.xlsx?campaignId=${wujiangOwn.id}&indicatorId=${capital}`))
        .statusCode,
    ).toBe(404);
  });

  it('a rate is not added up: participants are ranked by their value of the period', async () => {
    let c = await competition(wujiangStaff, [shengze, songling], { name: '吴江区履约率竞赛' });
    c = ok(
      await wujiangStaff.post(`${BASE}/${c.id}/indicators`, {
        name: '履约率',
        unit: '%',
        decimals: 1,
        rollup: 'none',
      }),
    );
    const rate = c.indicators[2]!.id;
    for (const [org, value] of [
      [shengze, '96.5'],
      [songling, '98.0'],
    ] as const) {
      const participantId = c.participantList.find((p) => p.org.id === org.id)!.id;
      const v = ok<ValueView>(
        await wujiangStaff.put(`${BASE}/${c.id}/values`, {
          participantId,
          indicatorId: rate,
          period: '2026-Q1',
          value,
        }),
      );
      ok(await wujiangStaff.post(`${BASE}/${c.id}/values/${v.id}/accept`, { version: v.version }));
    }
    const totals = ok<TotalsView>(await wujiangStaff.get(`${BASE}/${c.id}/totals?indicatorId=${rate}`));
    expect(totals.overall).toBeNull();
    expect(totals.byUnit).toEqual([]);
    expect(totals.participants.map((p) => [p.org.name, p.total, p.rank])).toEqual([
      ['松陵镇工会', '98', 1],
      ['盛泽镇工会', '96.5', 2],
    ]);
  });
});

describe('figures from the bulletin', () => {
  it('an adopted item is linked, its figures offered; one accepted keeps its link, never twice', async () => {
    const c = await competition(wujiangStaff, [shengze, songling], {
      name: '吴江区招商引资劳动竞赛（工作动态）',
    });
    const withPeople = ok<CampaignDetail>(
      await wujiangStaff.post(`${BASE}/${c.id}/indicators`, {
        name: '先进个人',
        unit: '人',
        decimals: 0,
        rollup: 'sum',
      }),
    );
    const draft = ok<{ id: string; version: number }>(
      await officer.post('/api/bulletin/submissions', {
        title: '吴江区招商引资劳动竞赛成效显著',
        body: '　　今年以来，吴江区总工会联合区商务局开展招商引资劳动竞赛，全区新签约项目415项，注册资本32.27亿美元，49位同志被评为先进个人。',
        authors: ['陈晓红'],
      }),
    );
    // Not adopted yet: not a source.
    expect(fieldOf(await wujiangStaff.post(`${BASE}/${c.id}/sources`, { itemId: draft.id }))).toBe('itemId');
    const sent = ok<{ version: number }>(
      await officer.post(`/api/bulletin/submissions/${draft.id}/submit`, { version: draft.version }),
    );
    ok(
      await editor.post(`/api/bulletin/submissions/${draft.id}/adopt`, {
        version: sent.version,
        adoptionKind: 'full',
        columnId: ok<{ items: { id: string }[] }>(await editor.get('/api/bulletin/columns')).items[0]!.id,
      }),
    );
    // Search finds it for the organiser; another district cannot link it.
    const found = ok<SourceList>(
      await wujiangStaff.get(`${BASE}/${c.id}/sources/search?q=${encodeURIComponent('招商引资')}`),
    );
    expect(found.items.map((i) => i.itemId)).toContain(draft.id);
    const wuzhongOwn = await competition(wuzhongStaff, [wuzhongTown], { name: '吴中区竞赛' });
    expect(fieldOf(await wuzhongStaff.post(`${BASE}/${wuzhongOwn.id}/sources`, { itemId: draft.id }))).toBe(
      'itemId',
    );
    expect((await shengzeStaff.post(`${BASE}/${c.id}/sources`, { itemId: draft.id })).statusCode).toBe(403);

    const linked = ok<SourceList>(await wujiangStaff.post(`${BASE}/${c.id}/sources`, { itemId: draft.id }));
    expect((await wujiangStaff.post(`${BASE}/${c.id}/sources`, { itemId: draft.id })).statusCode).toBe(409);
    const figures = linked.items[0]!.figures;
    expect(figures.map((f) => [f.raw, f.suggestion?.indicatorName, f.suggestion?.value])).toEqual([
      ['415项', '签约项目', '415'],
      ['32.27亿美元', '注册资本', '32.27'],
      ['49位', '先进个人', '49'],
    ]);
    const capital = figures[1]!;
    const url = `${BASE}/${c.id}/sources/${draft.id}/figures/${capital.position}/accept`;
    const participantId = c.participantList[0]!.id;
    expect(
      fieldOf(
        await wujiangStaff.post(url, { indicatorId: c.indicators[1]!.id, participantId, period: '2026-13' }),
      ),
    ).toBe('period');
    expect(
      fieldOf(
        await wujiangStaff.post(`${BASE}/${c.id}/sources/${draft.id}/figures/99/accept`, {
          indicatorId: c.indicators[1]!.id,
          participantId,
          period: '2026-Q4',
        }),
      ),
    ).toBe('position');
    // A figure of another unit of measure needs the value in the indicator's unit.
    expect(
      fieldOf(
        await wujiangStaff.post(url, { indicatorId: c.indicators[0]!.id, participantId, period: '2026-Q4' }),
      ),
    ).toBe('value');
    expect(
      (await shengzeStaff.post(url, { indicatorId: c.indicators[1]!.id, participantId, period: '2026-Q4' }))
        .statusCode,
    ).toBe(403);
    const value = ok<ValueView>(
      await wujiangStaff.post(url, { indicatorId: c.indicators[1]!.id, participantId, period: '2026-Q4' }),
    );
    expect(value).toMatchObject({
      state: 'accepted',
      value: '32.27',
      source: { itemId: draft.id, title: '吴江区招商引资劳动竞赛成效显著', raw: '32.27亿美元' },
    });
    const twice = await wujiangStaff.post(url, {
      indicatorId: c.indicators[1]!.id,
      participantId: c.participantList[1]!.id,
      period: '2026-Q4',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('已被采用');
    // The link stays: on the value, on the figure, and the value counts in the totals.
    const listed = ok<ValuePage>(
      await wujiangStaff.get(`${BASE}/${c.id}/values?indicatorId=${c.indicators[1]!.id}`),
    );
    expect(listed.items[0]!.source?.itemId).toBe(draft.id);
    const sources = ok<SourceList>(await wujiangStaff.get(`${BASE}/${c.id}/sources`));
    expect(sources.items[0]!.figures[1]!.acceptedValueId).toBe(value.id);
    const totals = ok<TotalsView>(
      await wujiangStaff.get(`${BASE}/${c.id}/totals?indicatorId=${c.indicators[1]!.id}`),
    );
    expect(totals.overall).toBe('32.27');
    const people = withPeople.indicators[2]!.id;
    ok(
      await wujiangStaff.post(`${BASE}/${c.id}/sources/${draft.id}/figures/${figures[2]!.position}/accept`, {
        indicatorId: people,
        participantId,
        period: '2026-Q4',
      }),
    );
    expect(
      ok<TotalsView>(await wujiangStaff.get(`${BASE}/${c.id}/totals?indicatorId=${people}`)).overall,
    ).toBe('49');
  });
});

describe('commendation', () => {
  it('the organiser commends advanced individuals and collectives of its subtree', async () => {
    let c = await competition(wujiangStaff, [shengze], { name: '吴江区竞赛（表彰）' });
    const entry = {
      kind: 'individual',
      name: '张明',
      title: '招商引资先进个人',
      orgId: shengze.id,
      awardedOn: '2026-12-01',
    };
    expect(
      fieldOf(await wujiangStaff.post(`${BASE}/${c.id}/commendations`, { ...entry, orgId: wuzhong.id })),
    ).toBe('orgId');
    expect(
      fieldOf(
        await wujiangStaff.post(`${BASE}/${c.id}/commendations`, { ...entry, awardedOn: '2025-01-01' }),
      ),
    ).toBe('awardedOn');
    expect(
      fieldOf(await wujiangStaff.post(`${BASE}/${c.id}/commendations`, { ...entry, kind: 'medal' })),
    ).toBe('kind');
    expect((await shengzeStaff.post(`${BASE}/${c.id}/commendations`, entry)).statusCode).toBe(403);
    c = ok(await wujiangStaff.post(`${BASE}/${c.id}/commendations`, entry));
    c = ok(
      await wujiangStaff.post(`${BASE}/${c.id}/commendations`, {
        ...entry,
        kind: 'collective',
        name: '盛泽镇招商项目组',
        title: '招商引资先进集体',
        participantId: c.participantList[0]!.id,
      }),
    );
    expect(c.commendations.map((x) => [x.kind, x.name, x.org.name])).toEqual([
      ['collective', '盛泽镇招商项目组', '盛泽镇工会'],
      ['individual', '张明', '盛泽镇工会'],
    ]);
    // Both enter the honours register as conferred honours of the competition.
    const register = async () =>
      (
        await Promise.all(
          ['competitionIndividual', 'competitionCollective'].map(
            async (kind) =>
              ok<{ items: { kind: string; name: string | null; recipientName: string; state: string }[] }>(
                await wujiangStaff.get(`/api/competitions/honours?kind=${kind}&pageSize=100`),
              ).items,
          ),
        )
      )
        .flat()
        .filter((h) => h.name === '吴江区竞赛（表彰）');
    expect((await register()).map((h) => [h.kind, h.recipientName, h.state]).sort()).toEqual([
      ['competitionCollective', '盛泽镇招商项目组', 'conferred'],
      ['competitionIndividual', '张明', 'conferred'],
    ]);
    const id = c.commendations[1]!.id;
    expect((await wujiangStaff.delete(`${BASE}/${c.id}/commendations/${id}?version=1`)).statusCode).toBe(409);
    c = ok(await wujiangStaff.delete(`${BASE}/${c.id}/commendations/${id}?version=${c.version}`));
    expect(c.commendations).toHaveLength(1);
    // A withdrawn commendation is revoked in the register, not lost.
    expect((await register()).find((h) => h.recipientName === '张明')?.state).toBe('revoked');
    // A closed competition takes no more values.
    c = ok(await wujiangStaff.patch(`${BASE}/${c.id}`, { version: c.version, state: 'closed' }));
    const res = await shengzeStaff.put(`${BASE}/${c.id}/values`, {
      participantId: c.participantList[0]!.id,
      indicatorId: c.indicators[0]!.id,
      period: '2026-Q1',
      value: '1',
    });
    expect(res.statusCode).toBe(409);
  });
});
