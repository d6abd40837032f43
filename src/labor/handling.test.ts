// The life of a risk report after it is reported, through the API and the one clock: the unit
// above is notified with its deadline; a missed deadline marks the report overdue and moves it to
// the city with notifications and a trail; the late district still acknowledges it, logs
// coordination, closes it with the outcome; the follow-up falls due after the rule's days and
// either confirms it or reopens it. Who may do each step, and refused steps that change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDistrictScene,
  buildEnterprise,
  buildUser,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import { moveClock, now, setClockOffset } from '../platform/clock';
import { addDays, chinaDay } from '../platform/shared/dates';
import type { NotificationPage } from '../platform/shared/notifications-contract';
import type { WaitingList } from '../platform/shared/waiting-contract';
import type { EnterpriseDetail } from '../enterprises/contract';
import type { PriorityPage } from '../coverage/contract';
import type { OrgDetail } from '../orgs/contract';
import { DEFAULT_GRADING_RULE, type ReportDetail, type ReportPage, type ReportView } from './contract';

const ctx = setupTestApp();
const HOUR = 3600_000;
let district: OrgDetail;
let town: OrgDetail;
let staff: Client;
let townStaff: Client;
let cadre: Client;
let stranger: Client;
let legal: Client;
let firm: EnterpriseDetail;
let otherTown: OrgDetail;

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

/** The fields a 400 names, in order. */
const fieldsOf = (body: string) =>
  (JSON.parse(body) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort();

const notices = async (client: Client) =>
  json<NotificationPage>(await client.get('/api/notifications?pageSize=100')).items;

beforeAll(async () => {
  ({ district, town, otherTown, staff } = await buildDistrictScene(ctx));
  townStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: town }));
  cadre = await loginAs(ctx, await buildUser({ role: 'serviceCadre', org: town }));
  stranger = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: otherTown }));
  legal = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'legal', org: await rootFederation() }),
  );
  firm = await buildEnterprise({ org: town, employees: 120 });
});

afterAll(() => setClockOffset(0));

const report = async () =>
  ok<ReportView>(
    await cadre.post('/api/labor/reports', {
      enterpriseId: firm.id,
      kinds: ['wageArrears'],
      workers: 80,
      months: 2,
      amountFen: 120_000_000,
      occurredOn: chinaDay(now()),
      description: '拖欠 80 名职工两个月工资约 120 万元。',
    }),
  );

const detail = async (client: Client, id: string) =>
  ok<ReportDetail>(await client.get(`/api/labor/reports/${id}`));

describe('escalation and handling', () => {
  it('notifies the unit above with its deadline, escalates when it passes, and goes through to the follow-up', async () => {
    const r = await report();
    const orangeDistrict = DEFAULT_GRADING_RULE.deadlines.orange.district;
    expect(r).toMatchObject({
      grade: 'orange',
      state: 'reported',
      awaitingOrg: { id: district.id },
      overdue: false,
    });
    expect(Date.parse(r.dueAt!) - Date.parse(r.reportedAt)).toBe(orangeDistrict * HOUR);

    // The district's handlers hear of it with the deadline; the city and another district do not.
    const toDistrict = (await notices(staff)).find((n) => n.link === `/labor?report=${r.id}`);
    expect(toDistrict?.text).toMatch(
      /橙色预警：.*（欠薪，80 人），请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前签收/,
    );
    expect((await notices(legal)).some((n) => n.link.endsWith(r.id))).toBe(false);
    expect((await notices(stranger)).some((n) => n.link.endsWith(r.id))).toBe(false);
    const waiting = ok<ReportPage>(await staff.get('/api/labor/reports?due=awaitingMe'));
    expect(waiting.items.map((i) => i.id)).toContain(r.id);
    const home = ok<WaitingList>(await staff.get('/api/home/waiting'));
    expect(home.items.find((i) => i.key === 'labor.awaiting')).toMatchObject({
      count: 1,
      link: '/labor?due=awaitingMe',
    });
    expect(home.items.find((i) => i.key === 'labor.awaiting')!.label).toMatch(
      /最早 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 到期/,
    );
    expect(home.items.some((i) => i.key === 'labor.overdue')).toBe(false);

    // Only a unit at or above the district acknowledges: not the township, not the reporter.
    const early = await detail(staff, r.id);
    expect(early.actions).toEqual(['acknowledge']);
    expect((await detail(townStaff, r.id)).actions).toEqual([]);
    expect(
      (await townStaff.post(`/api/labor/reports/${r.id}/acknowledge`, { version: r.version })).statusCode,
    ).toBe(403);
    expect(
      (await cadre.post(`/api/labor/reports/${r.id}/acknowledge`, { version: r.version })).statusCode,
    ).toBe(403);
    expect(
      (await stranger.post(`/api/labor/reports/${r.id}/acknowledge`, { version: r.version })).statusCode,
    ).toBe(404);

    // The deadline passes: overdue, and on to the city with its own deadline.
    moveClock((orangeDistrict + 1) * HOUR);
    const late = await detail(legal, r.id);
    expect(late).toMatchObject({
      overdue: true,
      escalations: 1,
      awaitingOrg: { name: (await rootFederation()).name },
    });
    expect(late.overdueAt).not.toBeNull();
    expect(late.events.map((e) => e.kind)).toEqual(['reported', 'escalated']);
    expect(late.events[1]).toMatchObject({ actor: null });
    expect(late.events[1]!.text).toContain('吴中区总工会未在时限');
    expect((await notices(legal)).find((n) => n.link.endsWith(r.id))?.text).toContain(
      '吴中区总工会超时未签收',
    );
    expect((await notices(staff)).some((n) => n.text.includes('已超时并自动上报'))).toBe(true);
    const cityHome = ok<WaitingList>(await legal.get('/api/home/waiting'));
    expect(cityHome.items.find((i) => i.key === 'labor.overdue')?.count).toBe(1);
    expect(cityHome.items.find((i) => i.key === 'labor.awaiting')?.count).toBe(1);
    const overdue = ok<ReportPage>(await legal.get('/api/labor/reports?due=overdue'));
    expect(overdue.items.map((i) => i.id)).toContain(r.id);
    expect(
      ok<ReportPage>(await legal.get('/api/labor/reports?due=awaitingMe')).items.map((i) => i.id),
    ).toContain(r.id);
    // A second look does not escalate again.
    expect((await detail(legal, r.id)).escalations).toBe(1);

    // The late district still acknowledges (it keeps the version it saw: escalation is not an edit).
    const acked = ok<ReportDetail>(
      await staff.post(`/api/labor/reports/${r.id}/acknowledge`, { version: early.version }),
    );
    expect(acked).toMatchObject({
      state: 'acknowledged',
      handlingOrg: { id: district.id },
      awaitingOrg: null,
      overdue: false,
    });
    expect(acked.events.at(-1)!.text).toContain('（已超时）');
    expect((await notices(cadre)).some((n) => n.text.includes('已由吴中区总工会签收'))).toBe(true);
    const again = await staff.post(`/api/labor/reports/${r.id}/acknowledge`, { version: acked.version });
    expect(again.statusCode).toBe(409);

    // Coordination, with a refused one that keeps nothing.
    const bad = await staff.post(`/api/labor/reports/${r.id}/coordination`, {
      version: acked.version,
      on: '2026-13-01',
      partner: 'nobody',
      action: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['action', 'on', 'partner']);
    const stale = await staff.post(`/api/labor/reports/${r.id}/coordination`, {
      version: acked.version - 1,
      on: chinaDay(now()),
      partner: 'laborInspection',
      action: '约谈企业负责人',
    });
    expect(stale.statusCode).toBe(409);
    expect((await detail(staff, r.id)).events).toHaveLength(3);
    const handling = ok<ReportDetail>(
      await staff.post(`/api/labor/reports/${r.id}/coordination`, {
        version: acked.version,
        on: chinaDay(now()),
        partner: 'laborInspection',
        partnerName: '吴中区劳动保障监察大队',
        action: '会同监察大队约谈企业负责人，责令限期支付拖欠工资',
      }),
    );
    expect(handling.state).toBe('handling');
    expect(handling.events.at(-1)).toMatchObject({ kind: 'coordination', partner: 'laborInspection' });
    expect(handling.events.at(-1)!.text).toContain('吴中区劳动保障监察大队');

    // Closing: a bad amount is refused and nothing changes; then 销号 with the outcome.
    const negative = await staff.post(`/api/labor/reports/${r.id}/close`, {
      version: handling.version,
      wagesPaidFen: -1,
      workersSettled: 80,
      amountRecoveredFen: 120_000_000,
      summary: '工资已全部支付',
    });
    expect(negative.statusCode).toBe(400);
    expect((await detail(staff, r.id)).state).toBe('handling');
    const closed = ok<ReportDetail>(
      await staff.post(`/api/labor/reports/${r.id}/close`, {
        version: handling.version,
        wagesPaidFen: 120_000_000,
        workersSettled: 80,
        amountRecoveredFen: 120_000_000,
        summary: '企业筹资支付全部拖欠工资',
      }),
    );
    expect(closed).toMatchObject({
      state: 'closed',
      outcome: { amountRecoveredFen: 120_000_000, workersSettled: 80 },
      followUpDue: addDays(chinaDay(now()), DEFAULT_GRADING_RULE.followUpDays),
    });
    expect(closed.actions).toEqual(['followUp']);
    expect(ok<ReportPage>(await staff.get('/api/labor/reports?due=followUp')).items).toHaveLength(0);

    // The follow-up falls due; the reporting unit records it and finds the problem back.
    moveClock((DEFAULT_GRADING_RULE.followUpDays + 1) * 24 * HOUR);
    expect(ok<ReportPage>(await staff.get('/api/labor/reports?due=followUp')).items.map((i) => i.id)).toEqual(
      [r.id],
    );
    expect(
      ok<WaitingList>(await cadre.get('/api/home/waiting')).items.find((i) => i.key === 'labor.followUp')
        ?.count,
    ).toBe(1);
    expect((await detail(cadre, r.id)).actions).toEqual(['followUp']);
    const reopened = ok<ReportDetail>(
      await cadre.post(`/api/labor/reports/${r.id}/follow-up`, {
        version: closed.version,
        on: chinaDay(now()),
        finding: '企业再次拖欠一个月工资',
        problemBack: true,
      }),
    );
    expect(reopened).toMatchObject({ state: 'handling', reopened: 1, followUpDue: null });
    expect((await notices(staff)).length).toBeGreaterThan(0);

    // Closed again and confirmed at the next follow-up.
    const closedAgain = ok<ReportDetail>(
      await staff.post(`/api/labor/reports/${r.id}/close`, {
        version: reopened.version,
        wagesPaidFen: 40_000_000,
        workersSettled: 80,
        amountRecoveredFen: 40_000_000,
        summary: '补发拖欠工资',
      }),
    );
    const done = ok<ReportDetail>(
      await staff.post(`/api/labor/reports/${r.id}/follow-up`, {
        version: closedAgain.version,
        on: chinaDay(now()),
        finding: '工资按月发放，职工情绪稳定',
        problemBack: false,
      }),
    );
    expect(done.state).toBe('followedUp');
    expect(done.actions).toEqual([]);
    expect(done.events.map((e) => e.kind)).toEqual([
      'reported',
      'escalated',
      'acknowledged',
      'coordination',
      'closed',
      'reopened',
      'closed',
      'followUp',
    ]);
  });

  it('marks a report at the top overdue once, and keeps reports of another district out of sight', async () => {
    const top = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: district }));
    const r = ok<ReportView>(
      await top.post('/api/labor/reports', {
        enterpriseName: '某未登记加工厂',
        kinds: ['ownerAbsconded'],
        workers: 30,
        occurredOn: chinaDay(now()),
        description: '老板失联，职工聚集。',
      }),
    );
    // A district's report goes to the city; red: hours.
    expect(r).toMatchObject({ grade: 'red', awaitingOrg: { name: (await rootFederation()).name } });
    moveClock((DEFAULT_GRADING_RULE.deadlines.red.city + 1) * HOUR);
    const first = await detail(legal, r.id);
    expect(first).toMatchObject({ overdue: true, escalations: 0 });
    expect(first.events.map((e) => e.kind)).toEqual(['reported', 'overdue']);
    moveClock(HOUR);
    expect((await detail(legal, r.id)).events).toHaveLength(2);
    expect((await stranger.get(`/api/labor/reports/${r.id}`)).statusCode).toBe(404);
    expect(ok<ReportPage>(await stranger.get('/api/labor/reports?due=overdue')).items).toHaveLength(0);
  });

  it('marks the enterprise as category 2 from the report until a follow-up confirms it', async () => {
    const other = await buildEnterprise({ org: town, employees: 40 });
    const tense = async () =>
      ok<PriorityPage>(
        await staff.get(`/api/coverage/priority?orgId=${town.id}&reason=tenseRelations&pageSize=500`),
      ).items.find((i) => i.enterprise.id === other.id);
    expect(await tense()).toBeUndefined();
    const r = ok<ReportView>(
      await cadre.post('/api/labor/reports', {
        enterpriseId: other.id,
        kinds: ['layoffs'],
        workers: 25,
        occurredOn: chinaDay(now()),
        description: '企业拟裁员 25 人。',
      }),
    );
    const marked = await tense();
    expect(marked?.categories).toContain(2);
    expect(marked?.reasons.find((x) => x.code === 'tenseRelations')?.text).toBe(
      `劳动关系风险预警：${chinaDay(new Date(r.reportedAt))} 起有风险报告，尚未回访确认`,
    );
    // The worklist behind the list holds the same: category 2 counts it.
    const summary = ok<{ items: unknown[]; total: number }>(
      await staff.get(`/api/coverage/priority?orgId=${town.id}&category=2`),
    );
    expect(summary.total).toBeGreaterThanOrEqual(1);

    let v = ok<ReportDetail>(
      await staff.post(`/api/labor/reports/${r.id}/acknowledge`, { version: r.version }),
    );
    v = ok<ReportDetail>(
      await staff.post(`/api/labor/reports/${r.id}/coordination`, {
        version: v.version,
        on: chinaDay(now()),
        partner: 'hrss',
        action: '指导企业依法制定裁员方案',
      }),
    );
    v = ok<ReportDetail>(
      await staff.post(`/api/labor/reports/${r.id}/close`, {
        version: v.version,
        wagesPaidFen: 0,
        workersSettled: 25,
        amountRecoveredFen: 0,
        summary: '依法支付经济补偿',
      }),
    );
    // Closed but not yet followed up: still counted.
    expect(await tense()).toBeDefined();
    ok(
      await cadre.post(`/api/labor/reports/${r.id}/follow-up`, {
        version: v.version,
        on: chinaDay(now()),
        finding: '职工已妥善安置',
        problemBack: false,
      }),
    );
    expect(await tense()).toBeUndefined();
  });

  it('links a report naming its enterprise by hand to the registry, once, within scope', async () => {
    const r = ok<ReportView>(
      await cadre.post('/api/labor/reports', {
        enterpriseName: '长桥某装修队',
        kinds: ['wageArrears'],
        workers: 12,
        months: 1,
        amountFen: 9_000_000,
        occurredOn: chinaDay(now()),
        description: '装修队拖欠 12 名工人一个月工资。',
      }),
    );
    expect(r.enterprise).toEqual({ id: null, name: '长桥某装修队', registered: false });
    expect(r).toMatchObject({ industry: null, sizeBand: null });
    expect((await detail(cadre, r.id)).mayLinkEnterprise).toBe(true);
    expect((await detail(legal, r.id)).mayLinkEnterprise).toBe(true);
    const registered = await buildEnterprise({ org: town, employees: 30, industry: '建筑装饰' });
    const elsewhere = await buildEnterprise({ org: otherTown });
    const link = (client: Client, body: object) => client.post(`/api/labor/reports/${r.id}/enterprise`, body);
    // A stranger finds no such report; an enterprise outside the scope is refused by field.
    expect((await link(stranger, { version: r.version, enterpriseId: registered.id })).statusCode).toBe(404);
    const outside = await link(cadre, { version: r.version, enterpriseId: elsewhere.id });
    expect(outside.statusCode).toBe(400);
    expect(fieldsOf(outside.body)).toEqual(['enterpriseId']);
    expect((await link(cadre, { version: r.version + 1, enterpriseId: registered.id })).statusCode).toBe(409);
    expect((await detail(cadre, r.id)).enterprise.registered).toBe(false);

    const linked = ok<ReportDetail>(await link(cadre, { version: r.version, enterpriseId: registered.id }));
    expect(linked.enterprise).toEqual({ id: registered.id, name: registered.name, registered: true });
    expect(linked).toMatchObject({
      industry: '建筑装饰',
      sizeBand: '25to99',
      grade: r.grade,
      state: 'reported',
    });
    expect(linked.mayLinkEnterprise).toBe(false);
    expect(linked.events.at(-1)!.kind).toBe('registered');
    expect(linked.events.at(-1)!.text).toContain(`“长桥某装修队”关联到企业名录中的“${registered.name}”`);
    // Once linked, the enterprise is marked as category 2 while the report is open.
    const tense = ok<PriorityPage>(
      await staff.get(`/api/coverage/priority?orgId=${town.id}&reason=tenseRelations&pageSize=500`),
    ).items.find((i) => i.enterprise.id === registered.id);
    expect(tense?.categories).toContain(2);
    expect((await link(cadre, { version: linked.version, enterpriseId: registered.id })).statusCode).toBe(
      409,
    );
  });

  it('keeps the monthly summary equal to the reports through every step', async () => {
    const month = `to_char(reported_at at time zone 'UTC' + interval '8 hours', 'YYYY-MM')`;
    const direct = await ctx.database.rows(
      `select org_path, ${month} as month, grade, state not in ('closed', 'followedUp') as open, count(*)::int as n
       from labor_reports group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
    );
    expect(direct.length).toBeGreaterThan(0);
    expect(
      await ctx.database.rows(
        `select org_path, month, grade, open, n from labor_report_months order by 1, 2, 3, 4`,
      ),
    ).toEqual(direct);
  });

  it('refuses deadlines out of range in the rule', async () => {
    const rule = ok<{ version: number }>(await legal.get('/api/labor/grading-rule'));
    const res = await legal.put('/api/labor/grading-rule', {
      ...DEFAULT_GRADING_RULE,
      deadlines: { ...DEFAULT_GRADING_RULE.deadlines, red: { township: 0, district: 2, city: 4 } },
      followUpDays: 0,
      version: rule.version,
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['deadlines.red.township', 'followUpDays']);
  });
});
