// The four-clarity plans through the API: an enterprise union keeps its designated studio's plan
// and milestones (the four clarities required, milestones inside the period, stale versions
// refused, a milestone with reports kept); the studio reports progress; with the clock moved past
// a due day the milestone is late, read from its days, and a report on it is flagged to the
// district and the city; the worklist filters by due state, unit, studio and year within the
// reader's scope, exports what it shows, and follows a township that moves to another district;
// the home page counts what is due.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOrg,
  buildUser,
  clientFor,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../../tests/test-app';
import { buildStudio } from '../../../tests/studio-factories';
import { moveClock, now, setClockOffset } from '../../platform/clock';
import { addDays, chinaToday } from '../../platform/shared/dates';
import type { NotificationPage } from '../../platform/shared/notifications-contract';
import type { WaitingList } from '../../platform/shared/waiting-contract';
import type { OrgDetail } from '../../orgs/contract';
import type { MilestoneDetail, MilestonePage, PlanBody, PlanView, StudioPlansView } from './contract';

const ctx = setupTestApp();
const DAY = 24 * 3600_000;

let district: OrgDetail;
let town: OrgDetail;
let firmUnion: OrgDetail;
let otherDistrict: OrgDetail;
let chair: Client;
let districtStaff: Client;
let townStaff: Client;
let otherStaff: Client;
let production: Client;
let orgDept: Client;
let officer: Client;
let studioId: string;
let appliedId: string;

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

const errorOf = (body: string) =>
  (JSON.parse(body) as { error: { code: string; message: string; details?: { field: string }[] } }).error;
const fieldsOf = (body: string) => (errorOf(body).details ?? []).map((d) => d.field).sort();

const today = () => chinaToday(now());

const planBody = (over: Partial<PlanBody> = {}): PlanBody => ({
  title: '年度工作计划',
  periodFrom: addDays(today(), -100),
  periodTo: addDays(today(), 250),
  goals: '完成三项技术革新，申请两项实用新型专利',
  tasks: '开展数控加工工艺攻关，带徒传技',
  requirements: '每季度报告进度，年底形成总结',
  ...over,
});

const worklist = async (client: Client, query = '') =>
  json<MilestonePage>(await client.get(`/api/studios/milestones${query ? `?${query}` : ''}`));
const waiting = async (client: Client) => json<WaitingList>(await client.get('/api/home/waiting')).items;
const notices = async (client: Client) =>
  json<NotificationPage>(await client.get('/api/notifications')).items.map((n) => n.text);

beforeAll(async () => {
  const root = await rootFederation();
  district = await buildOrg({ name: '吴中区总工会' });
  town = await buildOrg({ parent: district, name: '长桥街道工会' });
  firmUnion = await buildOrg({ parent: town, kind: 'grassrootsUnion', name: '宝丽洁日用品有限公司工会' });
  otherDistrict = await buildOrg({ name: '吴江区总工会' });
  chair = await loginAs(ctx, await buildUser({ role: 'grassrootsChair', org: firmUnion }));
  districtStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: district }));
  townStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: town }));
  otherStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: otherDistrict }));
  production = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', org: root, department: 'production' }),
  );
  orgDept = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', org: root, department: 'organisation' }),
  );
  officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
  studioId = (await buildStudio({ org: firmUnion, name: '宝丽洁劳模创新工作室' })).id;
  appliedId = (await buildStudio({ org: firmUnion, state: 'applied', name: '申报中的工作室' })).id;
});

afterAll(() => setClockOffset(0));

describe('a studio’s four-clarity plan', () => {
  let plan: PlanView;

  it('is entered by the studio’s own side, with the four clarities, for a designated studio only', async () => {
    const url = `/api/studios/${studioId}/plans`;
    expect((await clientFor(ctx).post(url, planBody())).statusCode).toBe(401);
    // Without the permission to keep a plan: an information officer, the city's production staff.
    expect((await officer.post(url, planBody())).statusCode).toBe(403);
    expect((await production.post(url, planBody())).statusCode).toBe(403);
    expect((await orgDept.post(url, planBody())).statusCode).toBe(403);
    // Another district does not see the studio at all.
    expect((await otherStaff.post(url, planBody())).statusCode).toBe(404);
    expect((await otherStaff.get(url)).statusCode).toBe(404);
    // Each clarity is required and named when missing.
    const { goals: _goals, ...noGoals } = planBody();
    let res = await chair.post(url, noGoals);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['goals']);
    res = await chair.post(url, planBody({ tasks: '   ', requirements: '' }));
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['requirements', 'tasks']);
    res = await chair.post(url, planBody({ periodFrom: '2026-02-30' }));
    expect(fieldsOf(res.body)).toEqual(['periodFrom']);
    res = await chair.post(url, planBody({ periodFrom: '2026-06-01', periodTo: '2026-05-31' }));
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['periodTo']);
    expect(errorOf(res.body).message).toContain('不能早于开始日期');
    res = await chair.post(url, planBody({ periodFrom: '2020-01-01', periodTo: '2030-01-01' }));
    expect(fieldsOf(res.body)).toEqual(['periodTo']);
    // A studio still applying has no plan yet.
    res = await chair.post(`/api/studios/${appliedId}/plans`, planBody());
    expect(res.statusCode).toBe(409);
    expect(errorOf(res.body).message).toContain('已命名挂牌');
    expect((await chair.get(`/api/studios/${appliedId}/plans`)).statusCode).toBe(200);

    plan = ok<PlanView>(await chair.post(url, planBody()));
    expect(plan).toMatchObject({ title: '年度工作计划', milestones: [], version: 1 });
    const view = ok<StudioPlansView>(await chair.get(url));
    expect(view).toMatchObject({ designated: true, mayEdit: true, mayReport: true });
    expect(view.studio.name).toBe('宝丽洁劳模创新工作室');
    expect(view.plans.map((p) => p.id)).toEqual([plan.id]);
    // The city's organisation department reads it; the production department reports but does not edit.
    expect(ok<StudioPlansView>(await orgDept.get(url))).toMatchObject({ mayEdit: false, mayReport: false });
    expect(ok<StudioPlansView>(await production.get(url))).toMatchObject({ mayEdit: false, mayReport: true });
    expect((await officer.get(url)).statusCode).toBe(403);
    expect((await clientFor(ctx).get(url)).statusCode).toBe(401);
  });

  it('keeps its milestones inside the period, refuses stale versions and keeps reported milestones', async () => {
    const url = `/api/studios/plans/${plan.id}/milestones`;
    const body = { title: '完成数控工艺攻关方案', dueOn: addDays(today(), 10), owner: '王建国' };
    let res = await chair.post(url, { ...body, dueOn: addDays(plan.periodTo, 1) });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['dueOn']);
    res = await chair.post(url, { ...body, owner: '' });
    expect(fieldsOf(res.body)).toEqual(['owner']);
    expect((await otherStaff.post(url, body)).statusCode).toBe(404);
    expect((await production.post(url, body)).statusCode).toBe(403);
    expect(
      (await chair.post(`/api/studios/plans/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/milestones`, body))
        .statusCode,
    ).toBe(404);
    expect((await chair.post('/api/studios/plans/not-a-uuid/milestones', body)).statusCode).toBe(400);

    const first = ok<MilestoneDetail>(await chair.post(url, body));
    expect(first).toMatchObject({ status: 'dueSoon', daysLate: 0, percent: 0, reports: [], version: 1 });
    const second = ok<MilestoneDetail>(
      await chair.post(url, { title: '录入错误的安排', dueOn: addDays(today(), 100), owner: '李秀英' }),
    );
    expect(second.status).toBe('open');

    // An edit carries the version it saw.
    const edit = `/api/studios/milestones/${first.id}`;
    res = await chair.put(edit, { ...body, owner: '王建国、李秀英', version: 2 });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res.body).code).toBe('STALE_VERSION');
    const edited = ok<MilestoneDetail>(
      await chair.put(edit, { ...body, owner: '王建国、李秀英', version: 1 }),
    );
    expect(edited).toMatchObject({ owner: '王建国、李秀英', version: 2 });
    res = await chair.put(edit, { ...body, dueOn: addDays(plan.periodFrom, -1), version: 2 });
    expect(fieldsOf(res.body)).toEqual(['dueOn']);
    expect((await otherStaff.put(edit, { ...body, version: 2 })).statusCode).toBe(404);

    // The plan's period cannot leave a milestone outside it, and a stale plan is refused.
    const planUrl = `/api/studios/plans/${plan.id}`;
    res = await chair.put(planUrl, { ...planBody(), periodTo: addDays(today(), 50), version: 1 });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['periodTo']);
    plan = ok<PlanView>(await chair.put(planUrl, { ...planBody(), goals: '完成四项技术革新', version: 1 }));
    expect(plan).toMatchObject({ goals: '完成四项技术革新', version: 2 });
    expect(plan.milestones.map((m) => m.title)).toEqual(['完成数控工艺攻关方案', '录入错误的安排']);
    res = await chair.put(planUrl, { ...planBody(), version: 1 });
    expect(errorOf(res.body).code).toBe('STALE_VERSION');

    // A milestone without reports can be deleted; with its version.
    res = await chair.delete(`/api/studios/milestones/${second.id}?version=9`);
    expect(res.statusCode).toBe(409);
    expect((await otherStaff.delete(`/api/studios/milestones/${second.id}?version=1`)).statusCode).toBe(404);
    ok(await chair.delete(`/api/studios/milestones/${second.id}?version=1`));
    // One with a report cannot.
    const reported = ok<MilestoneDetail>(
      await chair.post(`/api/studios/milestones/${first.id}/reports`, {
        reportedOn: today(),
        percent: 30,
        text: '完成工艺调研',
        version: 2,
      }),
    );
    expect(reported).toMatchObject({ percent: 30, status: 'dueSoon', version: 3, reportCount: 1 });
    expect(reported.reports[0]).toMatchObject({ percent: 30, done: false, afterDue: false });
    res = await chair.delete(`/api/studios/milestones/${first.id}?version=3`);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res.body).message).toContain('已报告进度');
    // Reporting on time flags nothing.
    expect((await notices(districtStaff)).filter((t) => t.includes('逾期'))).toEqual([]);
  });

  it('reads a milestone as late once the clock passes its due day, and flags a late report to the district and the city', async () => {
    const [m] = ok<StudioPlansView>(await chair.get(`/api/studios/${studioId}/plans`)).plans[0]!.milestones;
    expect(m!.status).toBe('dueSoon');
    expect((await worklist(districtStaff, 'due=soon')).items.map((r) => r.id)).toEqual([m!.id]);
    expect((await worklist(districtStaff, 'due=late')).total).toBe(0);

    moveClock(15 * DAY);
    const view = ok<StudioPlansView>(await chair.get(`/api/studios/${studioId}/plans`));
    expect(view.plans[0]!.milestones[0]).toMatchObject({ status: 'late', daysLate: 5 });
    expect((await worklist(districtStaff, 'due=late')).items[0]).toMatchObject({
      id: m!.id,
      status: 'late',
      daysLate: 5,
      district: '吴中区总工会',
      studio: { name: '宝丽洁劳模创新工作室' },
    });
    expect((await worklist(districtStaff, 'due=soon')).total).toBe(0);

    // Input the server refuses, naming the field.
    const url = `/api/studios/milestones/${m!.id}/reports`;
    const report = { reportedOn: today(), percent: 60, text: '样件试制中', version: m!.version };
    let res = await chair.post(url, { ...report, reportedOn: addDays(today(), 1) });
    expect(fieldsOf(res.body)).toEqual(['reportedOn']);
    res = await chair.post(url, { ...report, reportedOn: addDays(today(), -20) });
    expect(fieldsOf(res.body)).toEqual(['reportedOn']);
    res = await chair.post(url, { ...report, percent: 101 });
    expect(fieldsOf(res.body)).toEqual(['percent']);
    res = await chair.post(url, { ...report, done: true });
    expect(fieldsOf(res.body)).toEqual(['percent']);
    res = await chair.post(url, { ...report, text: '' });
    expect(fieldsOf(res.body)).toEqual(['text']);
    expect((await chair.post(url, { ...report, version: 1 })).statusCode).toBe(409);
    expect((await otherStaff.post(url, report)).statusCode).toBe(404);
    expect((await orgDept.post(url, report)).statusCode).toBe(403);
    expect((await clientFor(ctx).post(url, report)).statusCode).toBe(401);

    // Open and past due: the district and the city are told; another district is not.
    const open = ok<MilestoneDetail>(await chair.post(url, report));
    expect(open).toMatchObject({ status: 'late', percent: 60, reportCount: 2 });
    expect(open.reports[1]).toMatchObject({ afterDue: true });
    const flagged = (texts: string[]) => texts.filter((t) => t.includes('完成数控工艺攻关方案'));
    expect(flagged(await notices(districtStaff))).toEqual([
      '宝丽洁劳模创新工作室的计划安排“完成数控工艺攻关方案”已逾期 5 天（完成时限 ' +
        m!.dueOn +
        '），最新进度 60%',
    ]);
    expect(flagged(await notices(production))).toHaveLength(1);
    expect(flagged(await notices(otherStaff))).toEqual([]);
    // The township between them supervises nothing here: it is not the district.
    expect(flagged(await notices(townStaff))).toEqual([]);

    // The supervisors report too; done two days later, it is done late.
    moveClock(2 * DAY);
    const done = ok<MilestoneDetail>(
      await production.post(url, {
        reportedOn: today(),
        percent: 100,
        text: '方案通过验收',
        done: true,
        version: open.version,
      }),
    );
    expect(done).toMatchObject({ status: 'doneLate', daysLate: 7, doneOn: today(), percent: 100 });
    expect(flagged(await notices(districtStaff)).some((t) => t.includes('逾期 7 天完成'))).toBe(true);
    res = await chair.post(url, { ...report, version: done.version });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res.body).message).toContain('已于');
    // A done milestone keeps its due day.
    res = await chair.put(`/api/studios/milestones/${m!.id}`, {
      title: m!.title,
      owner: m!.owner,
      dueOn: addDays(m!.dueOn, 30),
      version: done.version,
    });
    expect(res.statusCode).toBe(409);
    expect((await worklist(districtStaff, 'due=doneLate')).items.map((r) => r.id)).toEqual([m!.id]);
    expect((await worklist(districtStaff, 'due=late')).total).toBe(0);
  });
});

describe('the worklist of milestones', () => {
  let lateId: string;
  let otherStudioId: string;

  beforeAll(async () => {
    // A second studio of 吴中 with one late, one due soon and one done on time; one of 吴江.
    const second = (await buildStudio({ org: town, name: '长桥技能大师工作室' })).id;
    const p = ok<PlanView>(
      await townStaff.post(
        `/api/studios/${second}/plans`,
        planBody({ title: '三年规划', periodTo: addDays(today(), 700) }),
      ),
    );
    const add = (title: string, dueOn: string) =>
      townStaff.post(`/api/studios/plans/${p.id}/milestones`, { title, dueOn, owner: '张明' });
    lateId = ok<MilestoneDetail>(await add('建立技能培训基地', addDays(today(), -3))).id;
    ok(await add('举办技能比武', addDays(today(), 20)));
    const onTime = ok<MilestoneDetail>(await add('编写培训教材', addDays(today(), 5)));
    ok(
      await townStaff.post(`/api/studios/milestones/${onTime.id}/reports`, {
        reportedOn: today(),
        percent: 100,
        text: '教材已印发',
        done: true,
        version: onTime.version,
      }),
    );
    // A milestone due next year.
    ok(await add('申报省级工作室', `${Number(today().slice(0, 4)) + 1}-03-01`));
    otherStudioId = (await buildStudio({ org: otherDistrict, name: '吴江丝绸工作室' })).id;
    const q = ok<PlanView>(await otherStaff.post(`/api/studios/${otherStudioId}/plans`, planBody()));
    ok(
      await otherStaff.post(`/api/studios/plans/${q.id}/milestones`, {
        title: '吴江的逾期安排',
        dueOn: addDays(today(), -1),
        owner: '陈海燕',
      }),
    );
  });

  it('filters by due state, unit, studio and year within the reader’s scope, with paging', async () => {
    const all = await worklist(districtStaff);
    expect(all.total).toBe(5);
    // Open ones first by due day, then the done ones.
    expect(all.items.map((r) => r.status)).toEqual(['late', 'dueSoon', 'open', 'doneLate', 'doneOnTime']);
    expect(all.today).toBe(today());
    expect((await worklist(districtStaff, 'due=late')).items.map((r) => r.id)).toEqual([lateId]);
    expect((await worklist(districtStaff, 'due=soon')).items.map((r) => r.title)).toEqual(['举办技能比武']);
    expect((await worklist(districtStaff, 'due=pending')).total).toBe(2);
    expect((await worklist(districtStaff, `studioId=${studioId}`)).total).toBe(1);
    const year = Number(today().slice(0, 4));
    const nextYear = (await worklist(districtStaff, `year=${year + 1}`)).items;
    expect(nextYear.map((r) => r.title)).toContain('申报省级工作室');
    expect(nextYear.map((r) => r.id).sort()).toEqual(
      all.items
        .filter((r) => r.dueOn.startsWith(String(year + 1)))
        .map((r) => r.id)
        .sort(),
    );
    expect((await worklist(districtStaff, `orgId=${firmUnion.id}`)).total).toBe(1);
    const page2 = await worklist(districtStaff, 'page=2&pageSize=2');
    expect(page2).toMatchObject({ total: 5 });
    expect(page2.items.map((r) => r.status)).toEqual(['open', 'doneLate']);
    // The city sees both districts; a district only its own; the enterprise union only its studio.
    expect((await worklist(orgDept, 'due=late')).items.map((r) => r.district).sort()).toEqual(
      ['吴江区总工会', '吴中区总工会'].sort(),
    );
    expect((await worklist(otherStaff)).items.map((r) => r.title)).toEqual(['吴江的逾期安排']);
    expect((await worklist(chair)).items.map((r) => r.studio.name)).toEqual(['宝丽洁劳模创新工作室']);
    // Bad input names the field; a unit outside the scope is not found.
    let res = await districtStaff.get('/api/studios/milestones?due=overdue');
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['due']);
    res = await districtStaff.get('/api/studios/milestones?year=19');
    expect(fieldsOf(res.body)).toEqual(['year']);
    expect((await districtStaff.get(`/api/studios/milestones?orgId=${otherDistrict.id}`)).statusCode).toBe(
      404,
    );
    expect((await officer.get('/api/studios/milestones')).statusCode).toBe(403);
    expect((await clientFor(ctx).get('/api/studios/milestones')).statusCode).toBe(401);
  });

  it('leaves out the milestones of a revoked studio', async () => {
    await ctx.database.rows(`update studios set state = 'revoked' where id = $1`, [otherStudioId]);
    expect((await worklist(otherStaff)).total).toBe(0);
    const res = await otherStaff.post(`/api/studios/${otherStudioId}/plans`, planBody());
    expect(res.statusCode).toBe(409);
    await ctx.database.rows(`update studios set state = 'designated' where id = $1`, [otherStudioId]);
  });

  it('puts what is due on the home page: the studio’s side its due and late ones, supervisors the late ones', async () => {
    const find = async (client: Client, key: string) => (await waiting(client)).find((i) => i.key === key);
    // The enterprise union's own studio has nothing open left (an empty item is not shown).
    expect(await find(chair, 'studios.milestones.own')).toBeUndefined();
    expect(await find(chair, 'studios.milestones.late')).toBeUndefined();
    expect(await find(townStaff, 'studios.milestones.own')).toMatchObject({ count: 2, urgent: true });
    expect(await find(districtStaff, 'studios.milestones.late')).toMatchObject({
      count: 1,
      urgent: true,
      link: '/studios/milestones?due=late',
    });
    expect(await find(production, 'studios.milestones.late')).toMatchObject({ count: 2 });
    expect(await find(production, 'studios.milestones.own')).toBeUndefined();
    expect((await waiting(orgDept)).filter((i) => i.key.startsWith('studios.milestones'))).toEqual([]);
  });

  it('exports the filtered worklist as xlsx', async () => {
    const res = await districtStaff.get('/api/studios/milestones/export.xlsx?due=late');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('逾期天数');
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('建立技能培训基地');
    expect(rows[0]).toContain('逾期未完成');
    expect(rows[0]).toContain(3);
    expect((await districtStaff.get('/api/studios/milestones/export.xlsx?due=nope')).statusCode).toBe(400);
    expect((await officer.get('/api/studios/milestones/export.xlsx')).statusCode).toBe(403);
  });

  it('follows a township that moves to another district', async () => {
    const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
    const fresh = ok<OrgDetail>(await admin.get(`/api/orgs/${town.id}`));
    ok(await admin.post(`/api/orgs/${town.id}/move`, { parentId: otherDistrict.id, version: fresh.version }));
    expect((await worklist(districtStaff)).total).toBe(0);
    const moved = (await worklist(otherStaff)).items;
    expect(moved.filter((r) => r.district === '吴江区总工会').map((r) => r.title)).toContain(
      '建立技能培训基地',
    );
    expect(moved.find((r) => r.title === '建立技能培训基地')?.orgName).toBe('长桥街道工会');
  });
});
