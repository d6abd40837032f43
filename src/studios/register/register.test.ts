// The studios register through the API: an enterprise's union applies for a studio led by a model
// worker of the register; its district recommends; the city returns it with a reason, the union
// changes it and sends it again, the district recommends again and the city approves; the city
// opens batches (a clashing name refused) and designates the studio into a batch of its level (one
// of the wrong level refused); the studio applies to move up and is designated again in a later
// province batch, holding its city level meanwhile; members join and leave; the city revokes it.
// Every refused step (role, unit, scope, state, stale version, bad input) changes nothing. Then the
// list's search, filters and export, the batches, and the home page's waiting items.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildEnterprise,
  buildOrg,
  buildUser,
  clientFor,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../../tests/test-app';
import { buildModelWorker } from '../../../tests/studio-factories';
import { addDays, chinaToday } from '../../platform/shared/dates';
import type { NotificationPage } from '../../platform/shared/notifications-contract';
import type { WaitingList } from '../../platform/shared/waiting-contract';
import type { EnterpriseDetail } from '../../enterprises/contract';
import type { OrgDetail } from '../../orgs/contract';
import type { BatchDetail, BatchList, StudioApplyBody, StudioDetail, StudioPage } from './contract';

const ctx = setupTestApp();
const BASE = '/api/studios';
let district: OrgDetail;
let town: OrgDetail;
let firmUnion: OrgDetail;
let otherDistrict: OrgDetail;
let chair: Client;
let townStaff: Client;
let staff: Client;
let stranger: Client;
let city: Client;
let association: Client;
let orgDept: Client;
let firm: EnterpriseDetail;
let leaderId: string;
let memberWorkerId: string;

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

const fieldsOf = (body: string) =>
  (JSON.parse(body) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort();

const messageOf = (body: string) => (JSON.parse(body) as { error: { message: string } }).error.message;

const codeOf = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

const waiting = async (client: Client) =>
  Object.fromEntries(
    json<WaitingList>(await client.get('/api/home/waiting')).items.map((i) => [i.key, i.count]),
  );

const notices = async (client: Client) =>
  json<NotificationPage>(await client.get('/api/notifications')).items.map((n) => n.text);

const application = (over: Partial<StudioApplyBody> = {}): StudioApplyBody => ({
  name: '宝丽洁张建华劳模创新工作室',
  leaderId,
  hostOrgId: firmUnion.id,
  field: '日化工艺',
  appliedLevel: 'city',
  introduction: '围绕洗涤用品配方改进和生产线节能开展攻关。',
  members: [{ name: '李秀英', position: '工艺员' }, { modelWorkerId: memberWorkerId }],
  ...over,
});

beforeAll(async () => {
  const root = await rootFederation();
  district = await buildOrg({ name: '吴中区总工会' });
  town = await buildOrg({ parent: district, name: '长桥街道工会' });
  firmUnion = await buildOrg({
    parent: town,
    kind: 'grassrootsUnion',
    name: '苏州宝丽洁日用品有限公司工会委员会',
  });
  otherDistrict = await buildOrg({ name: '吴江市总工会' });
  chair = await loginAs(ctx, await buildUser({ role: 'grassrootsChair', org: firmUnion }));
  townStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: town }));
  staff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: district }));
  stranger = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: otherDistrict }));
  city = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'production', org: root }),
  );
  association = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'association', org: root }),
  );
  orgDept = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'organisation', org: root }),
  );
  firm = await buildEnterprise({ org: town, name: '苏州精工机械有限公司' });
  leaderId = (await buildModelWorker({ org: district, name: '张建华' })).id;
  memberWorkerId = (await buildModelWorker({ org: district, name: '王海燕' })).id;
});

describe('the designation of a studio', () => {
  let studio: StudioDetail;
  let cityBatch: BatchDetail;

  it('an enterprise union applies; 401, 403, 404 and 400 before it', async () => {
    expect((await clientFor(ctx).post(BASE, application())).statusCode).toBe(401);
    expect((await orgDept.post(BASE, application())).statusCode).toBe(403);
    // The association keeps studios but does not apply for them.
    expect((await association.post(BASE, application())).statusCode).toBe(403);
    // A host unit or an applicant outside the scope answers as one that does not exist.
    expect((await stranger.post(BASE, application())).statusCode).toBe(404);
    expect(
      (await stranger.post(BASE, application({ hostOrgId: null, enterpriseId: firm.id }))).statusCode,
    ).toBe(404);
    expect((await staff.post(BASE, application({ orgId: otherDistrict.id }))).statusCode).toBe(404);
    const bad = await chair.post(BASE, { ...application(), name: ' ', field: '', appliedLevel: 'district' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['appliedLevel', 'field', 'name']);
    const noLeader = await chair.post(
      BASE,
      application({ leaderId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' }),
    );
    expect(noLeader.statusCode).toBe(400);
    expect(fieldsOf(noLeader.body)).toEqual(['leaderId']);
    const noHost = await chair.post(BASE, application({ hostOrgId: null }));
    expect(fieldsOf(noHost.body)).toEqual(['hostUnitName']);
    const twoHosts = await staff.post(BASE, application({ enterpriseId: firm.id }));
    expect(fieldsOf(twoHosts.body)).toEqual(['hostOrgId']);
    const badMember = await chair.post(BASE, application({ members: [{ position: '工艺员' }] }));
    expect(fieldsOf(badMember.body)).toEqual(['members.0.name']);
    expect(ok<StudioPage>(await city.get(BASE)).total).toBe(0);

    studio = ok<StudioDetail>(await chair.post(BASE, application()));
    expect(studio).toMatchObject({
      state: 'applied',
      level: null,
      appliedLevel: 'city',
      designated: false,
      hostUnitName: firmUnion.name,
      hostOrg: { id: firmUnion.id },
      applicantOrg: { id: firmUnion.id },
      district: '吴中区总工会',
      leader: { id: leaderId, name: '张建华' },
      actions: ['edit', 'members'],
    });
    expect(studio.members.map((m) => [m.name, m.role])).toEqual([
      ['张建华', 'leader'],
      ['李秀英', 'member'],
      ['王海燕', 'member'],
    ]);
    expect(studio.events.map((e) => e.kind)).toEqual(['applied']);
    expect(await notices(staff)).toContain(
      '宝丽洁张建华劳模创新工作室由苏州宝丽洁日用品有限公司工会委员会申报，请推荐',
    );
    expect((await waiting(staff))['studios.recommend']).toBe(1);
  });

  it('is seen in its scope only: a sibling district gets 404, the organisation department reads it', async () => {
    expect((await clientFor(ctx).get(`${BASE}/${studio.id}`)).statusCode).toBe(401);
    expect((await stranger.get(`${BASE}/${studio.id}`)).statusCode).toBe(404);
    expect(ok<StudioPage>(await stranger.get(BASE)).total).toBe(0);
    const read = ok<StudioDetail>(await orgDept.get(`${BASE}/${studio.id}`));
    expect(read.actions).toEqual([]);
    expect(
      (await orgDept.post(`${BASE}/${studio.id}/recommend`, { version: studio.version })).statusCode,
    ).toBe(403);
    expect(
      (await orgDept.put(`${BASE}/${studio.id}`, { ...application(), version: studio.version })).statusCode,
    ).toBe(403);
    expect(ok<StudioDetail>(await staff.get(`${BASE}/${studio.id}`)).actions).toEqual([
      'edit',
      'recommend',
      'members',
    ]);
    expect(ok<StudioDetail>(await city.get(`${BASE}/${studio.id}`)).actions).toEqual([
      'recommend',
      'members',
    ]);
  });

  it('the district recommends (not the township, nor a stale page, nor a stranger)', async () => {
    const url = `${BASE}/${studio.id}/recommend`;
    expect((await stranger.post(url, { version: studio.version })).statusCode).toBe(404);
    expect((await townStaff.post(url, { version: studio.version })).statusCode).toBe(403);
    expect((await chair.post(url, { version: studio.version })).statusCode).toBe(403);
    const stale = await staff.post(url, { version: studio.version + 5 });
    expect(stale.statusCode).toBe(409);
    expect(codeOf(stale.body)).toBe('STALE_VERSION');
    expect((await staff.post(url, { version: 'x' })).statusCode).toBe(400);
    // The city does not review before the district recommends.
    const early = await city.post(`${BASE}/${studio.id}/review`, {
      version: studio.version,
      decision: 'approve',
    });
    expect(early.statusCode).toBe(409);
    studio = ok<StudioDetail>(await staff.post(url, { version: studio.version }));
    expect(studio.state).toBe('recommended');
    expect(studio.events.at(-1)!.text).toBe('吴中区总工会推荐');
    expect(await notices(city)).toContain('宝丽洁张建华劳模创新工作室由吴中区总工会推荐，请审核');
    expect((await waiting(city))['studios.review']).toBe(1);
    expect((await waiting(staff))['studios.recommend'] ?? 0).toBe(0);
    // The applicant may no longer change it.
    expect(
      (await chair.put(`${BASE}/${studio.id}`, { ...application(), version: studio.version })).statusCode,
    ).toBe(409);
  });

  it('the city returns it with a reason; the union changes it and sends it again', async () => {
    const url = `${BASE}/${studio.id}/review`;
    expect((await staff.post(url, { version: studio.version, decision: 'approve' })).statusCode).toBe(403);
    const noReason = await city.post(url, { version: studio.version, decision: 'return' });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    studio = ok<StudioDetail>(
      await city.post(url, { version: studio.version, decision: 'return', reason: '请补充近三年的创新成果' }),
    );
    expect(studio).toMatchObject({ state: 'returned', returnReason: '请补充近三年的创新成果' });
    expect(await notices(chair)).toContain('宝丽洁张建华劳模创新工作室的申报被退回：请补充近三年的创新成果');
    const other = await buildModelWorker({ org: town, name: '陈国平' });
    const edited = ok<StudioDetail>(
      await chair.put(`${BASE}/${studio.id}`, {
        ...application({ leaderId: other.id, introduction: '三年来完成技术改进 12 项，获专利 3 项。' }),
        version: studio.version,
      }),
    );
    expect(edited).toMatchObject({ state: 'returned', leader: { name: '陈国平' } });
    expect(edited.members.find((m) => m.role === 'leader')!.name).toBe('陈国平');
    // Back to the first leader, then sent again.
    studio = ok<StudioDetail>(
      await chair.put(`${BASE}/${studio.id}`, { ...application(), version: edited.version }),
    );
    expect((await chair.post(`${BASE}/${studio.id}/resubmit`, { version: edited.version })).statusCode).toBe(
      409,
    );
    studio = ok<StudioDetail>(await chair.post(`${BASE}/${studio.id}/resubmit`, { version: studio.version }));
    expect(studio).toMatchObject({ state: 'applied', returnReason: null });
    expect(studio.events.map((e) => e.kind)).toEqual([
      'applied',
      'recommended',
      'returned',
      'edited',
      'leader',
      'edited',
      'leader',
      'resubmitted',
    ]);
    studio = ok<StudioDetail>(
      await staff.post(`${BASE}/${studio.id}/recommend`, { version: studio.version }),
    );
    studio = ok<StudioDetail>(await city.post(url, { version: studio.version, decision: 'approve' }));
    expect(studio.state).toBe('approved');
    expect(studio.actions).toContain('designate');
    expect((await waiting(city))['studios.designate']).toBe(1);
  });

  it('the city opens batches; a name is unique; only the city opens one', async () => {
    const body = {
      year: 2026,
      name: '2026年第一批',
      level: 'city',
      awardingBody: '苏州市总工会',
      plaqueOn: '2026-04-28',
      ceremony: '市总工会大礼堂，市总工会和市劳模协会领导授牌',
    };
    expect((await staff.post(`${BASE}/batches`, body)).statusCode).toBe(403);
    expect((await orgDept.post(`${BASE}/batches`, body)).statusCode).toBe(403);
    const bad = await city.post(`${BASE}/batches`, { ...body, plaqueOn: '2026-02-30', level: 'district' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['level', 'plaqueOn']);
    cityBatch = ok<BatchDetail>(await city.post(`${BASE}/batches`, body));
    expect(cityBatch).toMatchObject({ name: '2026年第一批', studioCount: 0 });
    expect(cityBatch.candidates.map((s) => s.id)).toEqual([studio.id]);
    const clash = await association.post(`${BASE}/batches`, { ...body, level: 'province' });
    expect(clash.statusCode).toBe(409);
    expect(messageOf(clash.body)).toBe('命名批次“2026年第一批”已存在，请换一个名称');
  });

  it('the city designates it into a batch of its level with the batch plaque date', async () => {
    const url = `${BASE}/${studio.id}/designate`;
    const province = ok<BatchDetail>(
      await city.post(`${BASE}/batches`, {
        year: 2026,
        name: '2026年省级劳模创新工作室',
        level: 'province',
        awardingBody: '江苏省总工会',
        plaqueOn: '2026-05-10',
      }),
    );
    const wrong = await city.post(url, { version: studio.version, batchId: province.id });
    expect(wrong.statusCode).toBe(400);
    expect(fieldsOf(wrong.body)).toEqual(['batchId']);
    expect(messageOf(wrong.body)).toContain('与申报的市级劳模创新工作室不符');
    expect(
      (await city.post(url, { version: studio.version, batchId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' }))
        .statusCode,
    ).toBe(404);
    expect((await staff.post(url, { version: studio.version, batchId: cityBatch.id })).statusCode).toBe(403);
    studio = ok<StudioDetail>(await city.post(url, { version: studio.version, batchId: cityBatch.id }));
    expect(studio).toMatchObject({
      state: 'designated',
      level: 'city',
      designated: true,
      upgrading: false,
      batch: { id: cityBatch.id, name: '2026年第一批' },
      plaqueOn: '2026-04-28',
    });
    expect(studio.designations.map((d) => [d.batch.name, d.level, d.plaqueOn])).toEqual([
      ['2026年第一批', 'city', '2026-04-28'],
    ]);
    expect(await notices(chair)).toContain(
      '宝丽洁张建华劳模创新工作室已命名为市级劳模创新工作室（2026年第一批），2026-04-28 挂牌',
    );
    expect((await city.post(url, { version: studio.version, batchId: cityBatch.id })).statusCode).toBe(409);
    const batch = ok<BatchDetail>(await staff.get(`${BASE}/batches/${cityBatch.id}`));
    expect(batch.studios.map((s) => s.id)).toEqual([studio.id]);
    expect(batch.candidates).toEqual([]);
    expect(ok<BatchDetail>(await stranger.get(`${BASE}/batches/${cityBatch.id}`)).studios).toEqual([]);
  });

  it('members join and leave with dates; the trail keeps the history', async () => {
    const url = `${BASE}/${studio.id}/members`;
    expect((await stranger.post(url, { name: '赵卫东' })).statusCode).toBe(404);
    expect((await orgDept.post(url, { name: '赵卫东' })).statusCode).toBe(403);
    const future = await chair.post(url, { name: '赵卫东', joinedOn: addDays(chinaToday(), 3) });
    expect(fieldsOf(future.body)).toEqual(['joinedOn']);
    const dup = await chair.post(url, { modelWorkerId: memberWorkerId });
    expect(dup.statusCode).toBe(409);
    studio = ok<StudioDetail>(
      await chair.post(url, { name: '赵卫东', position: '技术员', joinedOn: '2026-01-05' }),
    );
    const zhao = studio.members.find((m) => m.name === '赵卫东')!;
    const li = studio.members.find((m) => m.name === '李秀英')!;
    const leader = studio.members.find((m) => m.role === 'leader')!;
    const leave = (id: string, leftOn: string) => chair.post(`${url}/${id}/leave`, { leftOn });
    expect(fieldsOf((await leave(zhao.id, '2025-12-31')).body)).toEqual(['leftOn']);
    expect((await leave(leader.id, chinaToday())).statusCode).toBe(409);
    expect((await stranger.post(`${url}/${li.id}/leave`, { leftOn: chinaToday() })).statusCode).toBe(404);
    studio = ok<StudioDetail>(await leave(li.id, chinaToday()));
    expect((await leave(li.id, chinaToday())).statusCode).toBe(409);
    expect(studio.members.find((m) => m.id === li.id)!.leftOn).toBe(chinaToday());
    expect(studio.members.find((m) => m.id === zhao.id)).toMatchObject({
      joinedOn: '2026-01-05',
      leftOn: null,
    });
    expect(studio.events.filter((e) => e.kind.startsWith('member-')).map((e) => e.text)).toEqual([
      '赵卫东（技术员）于 2026-01-05 加入',
      `李秀英于 ${chinaToday()} 退出`,
    ]);
  });

  it('a designated studio applies to move up and keeps its level meanwhile', async () => {
    const url = `${BASE}/${studio.id}/upgrade`;
    expect((await staff.post(url, { version: studio.version, appliedLevel: 'city' })).statusCode).toBe(400);
    expect((await stranger.post(url, { version: studio.version, appliedLevel: 'province' })).statusCode).toBe(
      404,
    );
    expect(
      (await association.post(url, { version: studio.version, appliedLevel: 'province' })).statusCode,
    ).toBe(403);
    studio = ok<StudioDetail>(await chair.post(url, { version: studio.version, appliedLevel: 'province' }));
    expect(studio).toMatchObject({
      state: 'applied',
      level: 'city',
      appliedLevel: 'province',
      designated: true,
      upgrading: true,
    });
    // Held for every other purpose: a city studio in the lists.
    const cityStudios = ok<StudioPage>(await city.get(`${BASE}?level=city`));
    expect(cityStudios.items.map((s) => s.id)).toContain(studio.id);
    expect((await waiting(staff))['studios.recommend']).toBe(1);
    studio = ok<StudioDetail>(
      await staff.post(`${BASE}/${studio.id}/recommend`, { version: studio.version }),
    );
    studio = ok<StudioDetail>(
      await city.post(`${BASE}/${studio.id}/review`, { version: studio.version, decision: 'approve' }),
    );
    const early = ok<BatchDetail>(
      await city.post(`${BASE}/batches`, {
        year: 2025,
        name: '2025年省级劳模创新工作室',
        level: 'province',
        awardingBody: '江苏省总工会',
        plaqueOn: '2025-05-01',
      }),
    );
    const before = await city.post(`${BASE}/${studio.id}/designate`, {
      version: studio.version,
      batchId: early.id,
    });
    expect(fieldsOf(before.body)).toEqual(['batchId']);
    const batches = ok<BatchList>(await city.get(`${BASE}/batches?level=province&year=2026`));
    expect(batches.items.map((b) => b.name)).toEqual(['2026年省级劳模创新工作室']);
    studio = ok<StudioDetail>(
      await city.post(`${BASE}/${studio.id}/designate`, {
        version: studio.version,
        batchId: batches.items[0]!.id,
      }),
    );
    expect(studio).toMatchObject({
      state: 'designated',
      level: 'province',
      plaqueOn: '2026-05-10',
      upgrading: false,
    });
    expect(studio.designations.map((d) => d.level)).toEqual(['city', 'province']);
    expect(studio.actions).toEqual(['revoke', 'members']);
    expect(ok<StudioDetail>(await chair.get(`${BASE}/${studio.id}`)).actions).toEqual(['upgrade', 'members']);
    expect(ok<StudioPage>(await city.get(`${BASE}?level=city`)).items.map((s) => s.id)).not.toContain(
      studio.id,
    );
    expect(ok<StudioPage>(await city.get(`${BASE}?batchId=${cityBatch.id}`)).items.map((s) => s.id)).toEqual([
      studio.id,
    ]);
  });

  it('the city revokes it with a reason', async () => {
    const url = `${BASE}/${studio.id}/revoke`;
    expect((await staff.post(url, { version: studio.version, reason: '考核不合格' })).statusCode).toBe(403);
    expect(fieldsOf((await city.post(url, { version: studio.version, reason: '' })).body)).toEqual([
      'reason',
    ]);
    const future = await city.post(url, {
      version: studio.version,
      reason: '考核不合格',
      on: addDays(chinaToday(), 1),
    });
    expect(fieldsOf(future.body)).toEqual(['on']);
    expect((await city.post(url, { version: studio.version - 1, reason: '考核不合格' })).statusCode).toBe(
      409,
    );
    studio = ok<StudioDetail>(
      await city.post(url, { version: studio.version, reason: '连续两年考核不合格' }),
    );
    expect(studio).toMatchObject({
      state: 'revoked',
      designated: false,
      revokedOn: chinaToday(),
      revokeReason: '连续两年考核不合格',
      actions: [],
    });
    expect(await notices(chair)).toContain('宝丽洁张建华劳模创新工作室已摘牌：连续两年考核不合格');
    expect((await city.post(url, { version: studio.version, reason: '再次' })).statusCode).toBe(409);
    expect((await chair.post(`${BASE}/${studio.id}/members`, { name: '新成员' })).statusCode).toBe(409);
    expect(ok<StudioPage>(await city.get(`${BASE}?level=province`)).total).toBe(0);
    expect(ok<StudioPage>(await city.get(`${BASE}?state=revoked`)).items.map((s) => s.id)).toEqual([
      studio.id,
    ]);
  });
});

describe('the list, its export and the batches', () => {
  let batchId: string;

  beforeAll(async () => {
    const batch = ok<BatchDetail>(
      await city.post(`${BASE}/batches`, {
        year: 2011,
        name: '2011年第一批',
        level: 'city',
        awardingBody: '苏州市总工会',
        plaqueOn: '2011-04-28',
      }),
    );
    batchId = batch.id;
    const make = async (name: string, by: Client, over: Partial<StudioApplyBody>, designate: boolean) => {
      let s = ok<StudioDetail>(await by.post(BASE, application({ name, members: [], ...over })));
      if (!designate) return s;
      s = ok<StudioDetail>(await city.post(`${BASE}/${s.id}/recommend`, { version: s.version }));
      s = ok<StudioDetail>(
        await city.post(`${BASE}/${s.id}/review`, { version: s.version, decision: 'approve' }),
      );
      return ok<StudioDetail>(await city.post(`${BASE}/${s.id}/designate`, { version: s.version, batchId }));
    };
    await make(
      '精工数控技术劳模创新工作室',
      staff,
      { hostOrgId: null, enterpriseId: firm.id, field: '数控加工' },
      true,
    );
    await make(
      '长桥电气劳模创新工作室',
      townStaff,
      { hostOrgId: null, hostUnitName: '长桥电气有限公司' },
      false,
    );
    const wujiang = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: otherDistrict }));
    await make(
      '盛泽纺织劳模创新工作室',
      wujiang,
      { hostOrgId: null, hostUnitName: '盛虹集团', field: '纺织' },
      true,
    );
  });

  it('searches part of a name or host unit and filters by level, state, batch, year, district and field', async () => {
    const names = async (client: Client, query: string) =>
      ok<StudioPage>(await client.get(`${BASE}?${query}`))
        .items.map((s) => s.name)
        .sort();
    expect(await names(city, 'q=精工')).toEqual(['精工数控技术劳模创新工作室']);
    expect(await names(city, `q=${encodeURIComponent('盛虹')}`)).toEqual(['盛泽纺织劳模创新工作室']);
    expect(await names(city, `batchId=${batchId}`)).toEqual([
      '盛泽纺织劳模创新工作室',
      '精工数控技术劳模创新工作室',
    ]);
    expect(await names(city, 'year=2011')).toEqual(['盛泽纺织劳模创新工作室', '精工数控技术劳模创新工作室']);
    expect(await names(city, 'year=2012')).toEqual([]);
    expect(await names(city, `orgId=${otherDistrict.id}`)).toEqual(['盛泽纺织劳模创新工作室']);
    expect(await names(city, 'field=纺')).toEqual(['盛泽纺织劳模创新工作室']);
    expect(await names(city, 'state=applied')).toEqual(['长桥电气劳模创新工作室']);
    expect(await names(staff, 'due=recommend')).toEqual(['长桥电气劳模创新工作室']);
    expect(await names(city, 'due=recommend')).toEqual([]);
    expect(await names(staff, 'level=city')).toEqual(['精工数控技术劳模创新工作室']);
    expect((await staff.get(`${BASE}?orgId=${otherDistrict.id}`)).statusCode).toBe(404);
    const bad = await city.get(`${BASE}?level=district&year=abc&state=x`);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['level', 'state', 'year']);
    expect((await clientFor(ctx).get(BASE)).statusCode).toBe(401);
    const chairs = await names(chair, '');
    expect(chairs).toEqual(['宝丽洁张建华劳模创新工作室']);
  });

  it('exports the filtered list as xlsx', async () => {
    expect((await clientFor(ctx).get(`${BASE}/export.xlsx`)).statusCode).toBe(401);
    const res = await staff.get(`${BASE}/export.xlsx?state=designated`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('工作室名称');
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => [r[1], r[3], r[5], r[8], r[9]])).toEqual([
      [
        '精工数控技术劳模创新工作室',
        '苏州精工机械有限公司',
        '市级劳模创新工作室',
        '2011年第一批',
        '2011-04-28',
      ],
    ]);
  });

  it('lists batches with the counts of the reader’s studios; the city changes one', async () => {
    const list = ok<BatchList>(await staff.get(`${BASE}/batches?year=2011`));
    expect(list.items.map((b) => [b.name, b.studioCount])).toEqual([['2011年第一批', 1]]);
    expect(ok<BatchList>(await city.get(`${BASE}/batches?year=2011`)).items[0]!.studioCount).toBe(2);
    const batch = list.items[0]!;
    const body = {
      year: 2011,
      name: '2011年第一批',
      level: 'city',
      awardingBody: '苏州市总工会、苏州市劳模协会',
      plaqueOn: '2011-04-29',
      ceremony: '市总工会大礼堂',
      version: batch.version,
    };
    expect((await staff.put(`${BASE}/batches/${batch.id}`, body)).statusCode).toBe(403);
    expect((await city.put(`${BASE}/batches/${batch.id}`, { ...body, level: 'province' })).statusCode).toBe(
      409,
    );
    expect(
      (await city.put(`${BASE}/batches/${batch.id}`, { ...body, name: '2026年第一批' })).statusCode,
    ).toBe(409);
    expect((await city.put(`${BASE}/batches/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b`, body)).statusCode).toBe(
      404,
    );
    const changed = ok<BatchDetail>(await city.put(`${BASE}/batches/${batch.id}`, body));
    expect(changed).toMatchObject({ plaqueOn: '2011-04-29', version: batch.version + 1 });
    expect(changed.studios.map((s) => s.plaqueOn)).toEqual(['2011-04-29', '2011-04-29']);
    const stale = await city.put(`${BASE}/batches/${batch.id}`, body);
    expect(codeOf(stale.body)).toBe('STALE_VERSION');
  });
});
