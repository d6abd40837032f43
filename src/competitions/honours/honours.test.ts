// The honours register through the API: a township nominates, its district reviews (returns with
// a reason, the township changes it and sends it again, the district approves), publicises it,
// records and resolves an objection, and confers it once the period has ended; refused steps
// (wrong state, stale version, not above the nominating unit, outside the scope, publicity not
// over, an objection open) change nothing. Then the register: search, filters, counts per unit
// and year equal to the rows, the export read back, the import all or nothing (xlsx and GBK CSV),
// the honours of an enterprise's and an organisation's page, and the home page's waiting items.
import ExcelJS from 'exceljs';
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
  rootFederation,
  setupTestApp,
  type Client,
} from '../../../tests/test-app';
import { addDays, chinaToday } from '../../platform/shared/dates';
import type { NotificationPage } from '../../platform/shared/notifications-contract';
import type { WaitingList } from '../../platform/shared/waiting-contract';
import type { EnterpriseDetail } from '../../enterprises/contract';
import type { OrgDetail } from '../../orgs/contract';
import type {
  HonourCountsView,
  HonourDetail,
  HonourImportError,
  HonourImportResult,
  HonourPage,
  HonoursOfView,
  NominationBody,
} from './contract';

const ctx = setupTestApp();
const BASE = '/api/competitions/honours';
let district: OrgDetail;
let town: OrgDetail;
let otherTown: OrgDetail;
let staff: Client;
let townStaff: Client;
let stranger: Client;
let city: Client;
let orgDept: Client;
let firm: EnterpriseDetail;

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

const fieldsOf = (body: string) =>
  (JSON.parse(body) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort();

const codeOf = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

/** The error of an answer, with the import's row errors when it has them. */
const errorOf = (body: string) =>
  (
    JSON.parse(body) as {
      error: {
        code: string;
        message: string;
        details: { message: string }[] & { errors: HonourImportError[] };
      };
    }
  ).error;

const nomination = (over: Partial<NominationBody> = {}): NominationBody => ({
  kind: 'mayDayMedal',
  level: 'city',
  year: 2026,
  awardingBody: '苏州市总工会',
  recipientKind: 'person',
  recipientName: '张建华',
  gender: 'male',
  jobTitle: '数控车间主任',
  enterpriseId: firm.id,
  ...over,
});

const waiting = async (client: Client) => json<WaitingList>(await client.get('/api/home/waiting')).items;

beforeAll(async () => {
  ({ district, town, otherTown, staff } = await buildDistrictScene(ctx));
  townStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: town }));
  stranger = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: otherTown }));
  const root = await rootFederation();
  city = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'production', org: root }),
  );
  orgDept = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'organisation', org: root }),
  );
  firm = await buildEnterprise({ org: town, name: '苏州精工机械有限公司' });
});

describe('the nomination workflow', () => {
  let honour: HonourDetail;

  it('a township nominates a worker of an enterprise; 401, 403, 404 and 400 before it', async () => {
    expect((await clientFor(ctx).post(BASE, nomination())).statusCode).toBe(401);
    expect((await orgDept.post(BASE, nomination())).statusCode).toBe(403);
    // An enterprise outside the scope answers as one that does not exist.
    expect((await stranger.post(BASE, nomination())).statusCode).toBe(404);
    expect((await townStaff.post(BASE, nomination({ orgId: otherTown.id }))).statusCode).toBe(404);
    const bad = await townStaff.post(BASE, nomination({ kind: 'other', recipientName: null }));
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['name', 'recipientName']);
    const model = await townStaff.post(BASE, nomination({ kind: 'modelWorker', level: 'district' }));
    expect(model.statusCode).toBe(400);
    expect(fieldsOf(model.body)).toEqual(['level']);
    expect(errorOf(model.body).details[0]!.message).toContain('劳动模范');

    honour = ok<HonourDetail>(await townStaff.post(BASE, nomination()));
    expect(honour).toMatchObject({
      state: 'nominated',
      title: '市五一劳动奖章',
      recipientName: '张建华',
      unitName: '苏州精工机械有限公司',
      enterprise: { id: firm.id, name: '苏州精工机械有限公司' },
      nominatingOrg: { id: town.id, name: '长桥街道工会' },
      orgName: '长桥街道工会',
      district: '吴中区总工会',
      version: 1,
      actions: ['edit'],
    });
    expect(honour.events.map((e) => e.kind)).toEqual(['nominated']);
    // The district is told and sees it waiting; the township itself does not review it.
    const notices = json<NotificationPage>(await staff.get('/api/notifications')).items;
    expect(notices.some((n) => n.text.includes('张建华') && n.link.includes(honour.id))).toBe(true);
    expect((await waiting(staff)).find((i) => i.key === 'honours.review')?.count).toBe(1);
    // The item opens the list of exactly those nominations.
    expect(ok<HonourPage>(await staff.get(`${BASE}?due=review`)).items.map((h) => h.id)).toEqual([honour.id]);
    expect(ok<HonourPage>(await townStaff.get(`${BASE}?due=review`)).total).toBe(0);
    expect((await waiting(townStaff)).find((i) => i.key === 'honours.review')).toBeUndefined();
    expect((await waiting(orgDept)).find((i) => i.key.startsWith('honours.'))).toBeUndefined();
    const detail = ok<HonourDetail>(await staff.get(`${BASE}/${honour.id}`));
    expect(detail.actions).toEqual(['edit', 'review', 'revoke']);
    expect((await stranger.get(`${BASE}/${honour.id}`)).statusCode).toBe(404);
    expect((await orgDept.get(`${BASE}/${honour.id}`)).statusCode).toBe(403);
    expect((await clientFor(ctx).get(`${BASE}/${honour.id}`)).statusCode).toBe(401);
  });

  it('only a unit above the nominating unit reviews; a return needs its reason', async () => {
    const review = (client: Client, body: object) => client.post(`${BASE}/${honour.id}/review`, body);
    expect((await review(townStaff, { version: 1, decision: 'approve' })).statusCode).toBe(403);
    expect((await review(stranger, { version: 1, decision: 'approve' })).statusCode).toBe(404);
    expect((await review(orgDept, { version: 1, decision: 'approve' })).statusCode).toBe(403);
    expect((await review(clientFor(ctx), { version: 1, decision: 'approve' })).statusCode).toBe(401);
    const noReason = await review(staff, { version: 1, decision: 'return' });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    expect((await review(staff, { version: 9, decision: 'approve' })).statusCode).toBe(409);
    // A publicity before approval is refused for its state.
    const early = await staff.post(`${BASE}/${honour.id}/publicise`, { version: 1, startsOn: chinaToday() });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early.body).message).toContain('已推荐');

    honour = ok<HonourDetail>(
      await review(staff, { version: 1, decision: 'return', reason: '事迹材料不完整' }),
    );
    expect(honour).toMatchObject({ state: 'returned', returnReason: '事迹材料不完整', version: 2 });
    const notices = json<NotificationPage>(await townStaff.get('/api/notifications')).items;
    expect(notices.some((n) => n.text.includes('被退回：事迹材料不完整'))).toBe(true);
    // Returned: a second review is refused for its state.
    expect((await review(staff, { version: 2, decision: 'approve' })).statusCode).toBe(409);
  });

  it('the township changes the returned nomination and sends it again; the district approves', async () => {
    const stale = await townStaff.put(`${BASE}/${honour.id}`, { ...nomination(), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(codeOf(stale.body)).toBe('STALE_VERSION');
    expect((await stranger.put(`${BASE}/${honour.id}`, { ...nomination(), version: 2 })).statusCode).toBe(
      404,
    );
    honour = ok<HonourDetail>(
      await townStaff.put(`${BASE}/${honour.id}`, { ...nomination({ jobTitle: '高级技师' }), version: 2 }),
    );
    expect(honour).toMatchObject({ state: 'nominated', jobTitle: '高级技师', version: 3 });
    honour = ok<HonourDetail>(
      await staff.post(`${BASE}/${honour.id}/review`, { version: 3, decision: 'approve' }),
    );
    expect(honour).toMatchObject({ state: 'approved', returnReason: null });
    expect(honour.events.map((e) => e.kind)).toEqual(['nominated', 'returned', 'resubmitted', 'approved']);
    // Approved: no more changes by the township.
    expect((await townStaff.put(`${BASE}/${honour.id}`, { ...nomination(), version: 4 })).statusCode).toBe(
      409,
    );
  });

  it('publicity: objections are recorded and resolved; conferring waits for both the period and them', async () => {
    const started = addDays(chinaToday(), -6);
    const bad = await staff.post(`${BASE}/${honour.id}/publicise`, { version: 4, startsOn: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['startsOn']);
    honour = ok<HonourDetail>(
      await staff.post(`${BASE}/${honour.id}/publicise`, { version: 4, startsOn: started }),
    );
    expect(honour).toMatchObject({
      state: 'publicising',
      publicityDays: 5,
      publicityEndsOn: addDays(started, 4),
      conferBlockedBy: null,
    });
    expect(honour.actions).toContain('confer');
    const early = await staff.post(`${BASE}/${honour.id}/objections`, {
      version: 5,
      receivedOn: addDays(started, -1),
      content: '反映该同志曾有违纪行为',
    });
    expect(early.statusCode).toBe(400);
    expect(fieldsOf(early.body)).toEqual(['receivedOn']);
    honour = ok<HonourDetail>(
      await staff.post(`${BASE}/${honour.id}/objections`, {
        version: 5,
        receivedOn: addDays(started, 1),
        content: '反映该同志曾有违纪行为',
      }),
    );
    expect(honour).toMatchObject({ openObjections: 1, version: 6 });
    expect(honour.conferBlockedBy).toContain('1 条异议');
    const refused = await staff.post(`${BASE}/${honour.id}/confer`, { version: 6 });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused.body).message).toContain('异议');
    const objection = honour.objections[0]!;
    const resolve = (body: object) =>
      staff.post(`${BASE}/${honour.id}/objections/${objection.id}/resolve`, body);
    expect(
      (await resolve({ version: 5, resolvedOn: chinaToday(), resolution: '经核实不属实' })).statusCode,
    ).toBe(409);
    expect(fieldsOf((await resolve({ version: 6, resolvedOn: chinaToday(), resolution: '' })).body)).toEqual([
      'resolution',
    ]);
    expect(
      (
        await stranger.post(`${BASE}/${honour.id}/objections/${objection.id}/resolve`, {
          version: 6,
          resolvedOn: chinaToday(),
          resolution: '经核实不属实',
        })
      ).statusCode,
    ).toBe(404);
    honour = ok<HonourDetail>(
      await resolve({ version: 6, resolvedOn: chinaToday(), resolution: '经核实不属实' }),
    );
    expect(honour.objections[0]).toMatchObject({ resolution: '经核实不属实', resolvedOn: chinaToday() });
    expect(honour.openObjections).toBe(0);
    expect((await waiting(staff)).find((i) => i.key === 'honours.confer')?.count).toBe(1);
    expect(ok<HonourPage>(await staff.get(`${BASE}?due=confer`)).items.map((h) => h.id)).toEqual([honour.id]);
    expect((await townStaff.post(`${BASE}/${honour.id}/confer`, { version: 7 })).statusCode).toBe(403);
    honour = ok<HonourDetail>(await staff.post(`${BASE}/${honour.id}/confer`, { version: 7 }));
    expect(honour).toMatchObject({ state: 'conferred', conferredOn: chinaToday() });
    expect(honour.events.map((e) => e.kind)).toEqual([
      'nominated',
      'returned',
      'resubmitted',
      'approved',
      'publicised',
      'objection',
      'resolved',
      'conferred',
    ]);
    const notices = json<NotificationPage>(await townStaff.get('/api/notifications')).items;
    expect(notices.some((n) => n.text.includes('已授予'))).toBe(true);
    // Conferred: a second conferral is refused for its state.
    expect((await staff.post(`${BASE}/${honour.id}/confer`, { version: 8 })).statusCode).toBe(409);
    const audit = json<{ items: { action: string }[] }>(
      await (
        await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }))
      ).get(`/api/audit?entityId=${honour.id}&pageSize=50`),
    ).items.map((a) => a.action);
    expect(audit.sort()).toEqual(
      [
        'honour.nominate',
        'honour.returned',
        'honour.resubmitted',
        'honour.approved',
        'honour.publicised',
        'honour.objection',
        'honour.resolved',
        'honour.conferred',
      ].sort(),
    );
  });

  it('a publicity not yet over cannot be conferred', async () => {
    const other = ok<HonourDetail>(
      await townStaff.post(BASE, nomination({ recipientName: '李秀英', gender: 'female' })),
    );
    await staff.post(`${BASE}/${other.id}/review`, { version: 1, decision: 'approve' });
    const publicised = ok<HonourDetail>(
      await staff.post(`${BASE}/${other.id}/publicise`, { version: 2, startsOn: chinaToday(), days: 7 }),
    );
    expect(publicised.publicityEndsOn).toBe(addDays(chinaToday(), 6));
    expect(publicised.actions).not.toContain('confer');
    const refused = await staff.post(`${BASE}/${other.id}/confer`, { version: 3 });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused.body).message).toContain('公示期');
    // Withdrawn with a reason; the reason is required.
    expect(fieldsOf((await staff.post(`${BASE}/${other.id}/revoke`, { version: 3 })).body)).toEqual([
      'reason',
    ]);
    const revoked = ok<HonourDetail>(
      await staff.post(`${BASE}/${other.id}/revoke`, { version: 3, reason: '本人放弃' }),
    );
    expect(revoked).toMatchObject({ state: 'revoked', revokeReason: '本人放弃' });
    expect(
      (await staff.post(`${BASE}/${other.id}/revoke`, { version: 4, reason: '再次撤销' })).statusCode,
    ).toBe(409);
  });

  it('the enterprise and the organisation show their conferred honours', async () => {
    const union = await buildOrg({ parent: town, kind: 'grassrootsUnion', name: '精工机械工会' });
    const home = ok<HonourDetail>(
      await townStaff.post(BASE, {
        kind: 'modelHome',
        level: 'city',
        year: 2026,
        awardingBody: '苏州市总工会',
        recipientKind: 'org',
        recipientOrgId: union.id,
      }),
    );
    expect(home.recipientName).toBe('精工机械工会');
    const ofFirm = ok<HonoursOfView>(await orgDept.get(`${BASE}/of?enterpriseId=${firm.id}`));
    expect(ofFirm.items.map((h) => h.recipientName)).toEqual(['张建华']);
    // Not conferred yet: not on the organisation's page.
    expect(ok<HonoursOfView>(await staff.get(`${BASE}/of?orgId=${union.id}`)).items).toEqual([]);
    expect((await stranger.get(`${BASE}/of?enterpriseId=${firm.id}`)).statusCode).toBe(404);
    expect((await stranger.get(`${BASE}/of?orgId=${union.id}`)).statusCode).toBe(404);
    expect((await clientFor(ctx).get(`${BASE}/of?orgId=${union.id}`)).statusCode).toBe(401);
    // An information officer sees the organisation's honours, not the registry's.
    const officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
    expect((await officer.get(`${BASE}/of?orgId=${union.id}`)).statusCode).toBe(200);
    expect((await officer.get(`${BASE}/of?enterpriseId=${firm.id}`)).statusCode).toBe(403);
    expect(fieldsOf((await staff.get(`${BASE}/of`)).body)).toEqual(['enterpriseId']);
  });
});

/** An xlsx workbook of rows (first row: the header). */
async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('荣誉名单');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const HEADER = [
  '荣誉类型',
  '荣誉名称',
  '级别',
  '年度',
  '授予机关',
  '获奖对象类型',
  '获奖对象',
  '性别',
  '所在单位',
  '统一社会信用代码',
  '推荐单位',
];

/** GBK bytes of a text, from the decoder's own table (Node can decode GBK but not encode it). */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const code = table.get(ch);
      if (!code) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...code);
    }
  }
  return Buffer.from(bytes);
}

const total = async (client: Client, query: string) =>
  json<HonourPage>(await client.get(`${BASE}?${query}`)).total;

describe('import of existing lists', () => {
  it('a file with one bad row imports nothing and names the row and the column', async () => {
    const before = await total(city, 'pageSize=1');
    const file = await xlsxOf([
      HEADER,
      [
        '劳动模范',
        '',
        '省',
        2015,
        '江苏省人民政府',
        '个人',
        '王志强',
        '男',
        '苏州精工机械有限公司',
        '',
        '吴中区总工会',
      ],
      [
        '工人先锋号',
        '',
        '市',
        '二〇一六',
        '苏州市总工会',
        '集体',
        '装配一班',
        '',
        '苏州精工机械有限公司',
        '',
        '',
      ],
      [
        '五一劳动奖状',
        '',
        '全国',
        2017,
        '中华全国总工会',
        '企业工会',
        '不存在的企业有限公司',
        '',
        '',
        '',
        '',
      ],
    ]);
    const res = await city.upload(`${BASE}/import`, '历年荣誉.xlsx', file);
    expect(res.statusCode).toBe(400);
    const error = errorOf(res.body);
    expect(error.code).toBe('HONOUR_IMPORT_INVALID');
    expect(error.details.errors.map((e) => [e.row, e.field])).toEqual([
      [3, '年度'],
      [4, '获奖对象'],
    ]);
    expect(await total(city, 'pageSize=1')).toBe(before);
  });

  it('imports an xlsx list as conferred honours, linked to the registry and the tree; a second time is refused', async () => {
    const before = await total(city, 'state=conferred&pageSize=1');
    const rows = [
      HEADER,
      [
        '劳动模范',
        '',
        '省',
        2015,
        '江苏省人民政府',
        '个人',
        '王志强',
        '男',
        '苏州精工机械有限公司',
        '',
        '吴中区总工会',
      ],
      [
        '工人先锋号',
        '',
        '市',
        2016,
        '苏州市总工会',
        '集体(班组)',
        '装配一班',
        '',
        '苏州精工机械有限公司',
        '',
        '',
      ],
      [
        '五一劳动奖状',
        '',
        '全国',
        2017,
        '中华全国总工会',
        '企业工会',
        '苏州精工机械有限公司',
        '',
        '',
        '',
        '',
      ],
      ['先进职工之家', '', '区', 2016, '吴中区总工会', '工会组织', '长桥街道工会', '', '', '', ''],
      [
        '劳动竞赛先进个人',
        '2016年建功立业劳动竞赛',
        '市',
        2016,
        '苏州市总工会',
        '个人',
        '赵敏',
        '女',
        '某研究所',
        '',
        '',
      ],
    ];
    const dry = ok<HonourImportResult>(
      await city.upload(`${BASE}/import?dryRun=true`, '名单.xlsx', await xlsxOf(rows)),
    );
    expect(dry).toMatchObject({ dryRun: true, committed: false, rows: 5, imported: 5 });
    expect(await total(city, 'state=conferred&pageSize=1')).toBe(before);
    const done = ok<HonourImportResult>(await city.upload(`${BASE}/import`, '名单.xlsx', await xlsxOf(rows)));
    expect(done).toMatchObject({ committed: true, imported: 5 });
    expect(await total(city, 'state=conferred&pageSize=1')).toBe(before + 5);
    const mine = json<HonourPage>(
      await staff.get(`${BASE}?q=${encodeURIComponent('精工')}&pageSize=50`),
    ).items;
    expect(mine.find((h) => h.recipientName === '苏州精工机械有限公司')).toMatchObject({
      title: '全国五一劳动奖状',
      enterprise: { id: firm.id },
      orgName: '长桥街道工会',
      imported: true,
      state: 'conferred',
    });
    expect(mine.find((h) => h.recipientName === '王志强')).toMatchObject({
      title: '省劳动模范',
      nominatingOrg: { id: district.id },
      enterprise: { id: firm.id },
    });
    // Honours imported at the city level for a unit outside the registry belong to the city.
    expect((await staff.get(`${BASE}?q=${encodeURIComponent('赵敏')}`)).body).toContain('"total":0');
    expect(ok<HonourPage>(await city.get(`${BASE}?q=${encodeURIComponent('赵敏')}`)).items[0]).toMatchObject({
      title: '2016年建功立业劳动竞赛先进个人',
      district: '市本级',
    });
    const again = await city.upload(`${BASE}/import`, '名单.xlsx', await xlsxOf(rows));
    expect(again.statusCode).toBe(400);
    expect(errorOf(again.body).details.errors).toHaveLength(5);
  });

  it('imports a CSV saved in GBK, as Chinese Excel writes it', async () => {
    const csv = [
      '荣誉类型,级别,年度,授予机关,获奖对象类型,获奖对象,性别,所在单位',
      '五一劳动奖章,市,2019,苏州市总工会,个人,钱国平,男,长桥街道工会',
      '先进职工之家,市,2019,苏州市总工会,工会组织,长桥街道工会,,',
    ].join('\r\n');
    const done = ok<HonourImportResult>(await staff.upload(`${BASE}/import`, '荣誉.csv', gbk(csv)));
    expect(done).toMatchObject({ committed: true, imported: 2 });
    const found = ok<HonourPage>(await staff.get(`${BASE}?q=${encodeURIComponent('钱国平')}`)).items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      recipientOrg: { id: town.id },
      unitName: '长桥街道工会',
      orgName: '长桥街道工会',
    });
    // With the 先进职工之家 of 2016 imported before.
    expect(
      ok<HonoursOfView>(await staff.get(`${BASE}/of?orgId=${town.id}`)).items.map((h) => [
        h.year,
        h.recipientName,
      ]),
    ).toEqual([
      [2019, '钱国平'],
      [2019, '长桥街道工会'],
      [2016, '长桥街道工会'],
    ]);
  });

  it('refuses files without the required columns, and callers without the permission', async () => {
    const res = await staff.upload(`${BASE}/import`, 'x.csv', '姓名,年度\r\n张三,2015');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res.body).message).toContain('缺少必填列');
    expect((await orgDept.upload(`${BASE}/import`, 'x.csv', 'a,b\r\n1,2')).statusCode).toBe(403);
    expect((await clientFor(ctx).upload(`${BASE}/import`, 'x.csv', 'a,b\r\n1,2')).statusCode).toBe(401);
  });

  it('the template downloads with its headers and instructions; importing it untouched is refused', async () => {
    const res = await staff.get(`${BASE}/import-template.xlsx`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('荣誉名单')!.getRow(1).getCell(1).value).toBe('荣誉类型');
    expect(workbook.getWorksheet('填写说明')).toBeDefined();
    const back = await staff.upload(`${BASE}/import`, '模板.xlsx', res.rawPayload);
    expect(back.statusCode).toBe(400);
    expect(errorOf(back.body).details.errors.map((e) => e.field)).toContain('备注');
    expect((await orgDept.get(`${BASE}/import-template.xlsx`)).statusCode).toBe(403);
  });
});

describe('the register', () => {
  it('searches by part of a name and filters by kind, level, year, unit and state, in scope', async () => {
    const byName = ok<HonourPage>(await staff.get(`${BASE}?q=${encodeURIComponent('建华')}`));
    expect(byName.items.map((h) => h.recipientName)).toEqual(['张建华']);
    const byUnit = ok<HonourPage>(await staff.get(`${BASE}?q=${encodeURIComponent('精工机械')}&pageSize=50`));
    expect(byUnit.total).toBeGreaterThanOrEqual(4);
    expect(
      ok<HonourPage>(await staff.get(`${BASE}?kind=modelWorker&level=province&year=2015`)).items.map(
        (h) => h.recipientName,
      ),
    ).toEqual(['王志强']);
    expect(
      ok<HonourPage>(await staff.get(`${BASE}?state=revoked`)).items.map((h) => h.recipientName),
    ).toEqual(['李秀英']);
    expect(ok<HonourPage>(await stranger.get(`${BASE}?q=${encodeURIComponent('建华')}`)).total).toBe(0);
    expect((await stranger.get(`${BASE}?orgId=${town.id}`)).statusCode).toBe(404);
    expect((await orgDept.get(BASE)).statusCode).toBe(403);
    expect((await clientFor(ctx).get(BASE)).statusCode).toBe(401);
    expect(fieldsOf((await staff.get(`${BASE}?year=abc`)).body)).toEqual(['year']);
    const paged = ok<HonourPage>(await staff.get(`${BASE}?pageSize=2&page=2`));
    expect(paged.items.length).toBeLessThanOrEqual(2);
    expect(paged.total).toBe(await total(staff, 'pageSize=1'));
  });

  it('counts per unit below and year equal the rows of the register', async () => {
    // Honours in a second district, imported by the city.
    const wujiang = await buildOrg({ name: '相城区总工会' });
    const csv = [
      '荣誉类型,级别,年度,授予机关,获奖对象类型,获奖对象,所在单位,推荐单位',
      `工人先锋号,市,2018,苏州市总工会,集体,质检班,${wujiang.name},${wujiang.name}`,
      `工人先锋号,市,2019,苏州市总工会,集体,检修班,${wujiang.name},${wujiang.name}`,
      `五一劳动奖章,省,2019,江苏省总工会,个人,孙立,${wujiang.name},${wujiang.name}`,
    ].join('\r\n');
    ok(await city.upload(`${BASE}/import`, 'wujiang.csv', csv));
    const counts = ok<HonourCountsView>(await city.get(`${BASE}/counts`));
    expect(counts.years[0]).toBeLessThanOrEqual(2015);
    for (const row of counts.rows) {
      if (!row.orgId) continue;
      for (const [i, year] of counts.years.entries()) {
        const own = row.name.endsWith('（本级）');
        if (own) continue;
        expect(row.counts[i], `${row.name} ${year}`).toBe(
          await total(city, `state=conferred&orgId=${row.orgId}&year=${year}&pageSize=1`),
        );
      }
    }
    const grand = await total(city, 'state=conferred&pageSize=1');
    expect(counts.total).toBe(grand);
    expect(counts.totals.reduce((a, b) => a + b, 0)).toBe(grand);
    const wj = counts.rows.find((r) => r.orgId === wujiang.id)!;
    expect(wj.total).toBe(3);
    expect(counts.rows.find((r) => r.name.endsWith('（本级）'))?.total).toBe(1);
    // The district sees its townships; a year range and a kind narrow it.
    const mine = ok<HonourCountsView>(await staff.get(`${BASE}/counts?from=2016&to=2019&kind=pioneer`));
    expect(mine.years).toEqual([2016, 2017, 2018, 2019]);
    expect(mine.rows.map((r) => r.name)).toContain('长桥街道工会');
    expect(mine.total).toBe(1);
    expect(fieldsOf((await staff.get(`${BASE}/counts?from=2020&to=2019`)).body)).toEqual(['to']);
    expect((await stranger.get(`${BASE}/counts?orgId=${district.id}`)).statusCode).toBe(404);
    expect((await orgDept.get(`${BASE}/counts`)).statusCode).toBe(403);
    const xlsx = await city.get(`${BASE}/counts/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(counts.years.length + 2).value).toBe(grand);
  });

  it('exports the filtered list as xlsx, read back', async () => {
    const res = await staff.get(`${BASE}/export.xlsx?q=${encodeURIComponent('精工')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('荣誉名单')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['年度', '荣誉', '级别', '授予机关', '获奖对象类型', '获奖对象']);
    const listed = json<HonourPage>(await staff.get(`${BASE}?q=${encodeURIComponent('精工')}&pageSize=500`));
    expect(sheet.rowCount - 1).toBe(listed.total);
    const names = [];
    for (let r = 2; r <= sheet.rowCount; r++) names.push(sheet.getRow(r).getCell(6).value);
    expect(names).toEqual(listed.items.map((h) => h.recipientName));
    const wang = listed.items.findIndex((h) => h.recipientName === '王志强');
    expect((sheet.getRow(wang + 2).values as unknown[]).slice(1, 5)).toEqual([
      2015,
      '省劳动模范',
      '省',
      '江苏省人民政府',
    ]);
    expect((await stranger.get(`${BASE}/export.xlsx?orgId=${town.id}`)).statusCode).toBe(404);
    expect((await orgDept.get(`${BASE}/export.xlsx`)).statusCode).toBe(403);
  });
});

describe('paths', () => {
  it('an imported honour follows its enterprise to another township; honours follow a moved organisation', async () => {
    const firmElsewhere = await buildEnterprise({ org: town, name: '苏州迁址电子有限公司' });
    const csv = [
      '荣誉类型,级别,年度,授予机关,获奖对象类型,获奖对象',
      '五一劳动奖状,市,2020,苏州市总工会,企业工会,苏州迁址电子有限公司',
    ].join('\r\n');
    ok(await staff.upload(`${BASE}/import`, '迁址.csv', csv));
    const find = async (client: Client) =>
      json<HonourPage>(await client.get(`${BASE}?q=${encodeURIComponent('迁址电子')}`)).items;
    expect((await find(staff))[0]?.orgName).toBe('长桥街道工会');
    // The enterprise moves to the other district's township: its honour goes with it.
    await patchEnterprise(firmElsewhere.id, { orgId: otherTown.id });
    expect(await find(staff)).toEqual([]);
    expect((await find(stranger))[0]?.orgName).toBe('盛泽镇工会');
    // The township moves under 吴中: its honours (and the nominations of its own) follow.
    const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
    ok(
      await admin.post(`/api/orgs/${otherTown.id}/move`, {
        parentId: district.id,
        version: otherTown.version,
      }),
    );
    expect((await find(staff))[0]).toMatchObject({ orgName: '盛泽镇工会', district: '吴中区总工会' });
    // The township's own staff move with it and still see it.
    expect((await find(stranger))[0]?.district).toBe('吴中区总工会');
  });
});
