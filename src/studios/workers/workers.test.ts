// The model workers register through the API: entering and changing records (a status change
// with its trail), who sees what (scope by the unit keeping the record; phones and addresses only
// for the production department and the association, in every answer and in the export), search
// and filters, the import all or nothing (xlsx and GBK CSV, contacts of a non-holder ignored),
// the studios' picker across the whole register, and the link to the honours register.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDistrictScene,
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
import type { OrgDetail } from '../../orgs/contract';
import type {
  FromHonoursResult,
  HonourCandidates,
  ModelWorkerCreateBody,
  ModelWorkerDetail,
  ModelWorkerImportError,
  ModelWorkerImportResult,
  ModelWorkerPage,
  ModelWorkerRef,
} from './contract';

const ctx = setupTestApp();
const BASE = '/api/studios/workers';
const PHONE = '13912345678';
const ADDRESS = '苏州市吴中区东吴北路 88 号';
let district: OrgDetail;
let town: OrgDetail;
let otherTown: OrgDetail;
let staff: Client;
let stranger: Client;
let production: Client;
let association: Client;
let orgDept: Client;
let chair: Client;
let officer: Client;

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

const fieldsOf = (body: string) =>
  (JSON.parse(body) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort();

const errorOf = (body: string) =>
  (
    JSON.parse(body) as {
      error: { code: string; message: string; details: { errors: ModelWorkerImportError[] } };
    }
  ).error;

const worker = (over: Partial<ModelWorkerCreateBody> = {}): ModelWorkerCreateBody => ({
  name: '沈建新',
  gender: 'male',
  birthYear: 1968,
  level: 'province',
  year: 2015,
  unitName: '苏州东吴精密机械有限公司',
  position: '高级技师',
  field: '机械制造',
  status: 'active',
  ...over,
});

const page = async (client: Client, query: string) =>
  ok<ModelWorkerPage>(await client.get(`${BASE}?${query}`));
const names = async (client: Client, query: string) =>
  (await page(client, `${query}&pageSize=100`)).items.map((w) => w.name).sort();
const q = (text: string) => `q=${encodeURIComponent(text)}`;

beforeAll(async () => {
  ({ district, town, otherTown, staff } = await buildDistrictScene(ctx));
  stranger = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: otherTown }));
  const root = await rootFederation();
  production = await loginAs(
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
  const union = await buildOrg({
    parent: town,
    kind: 'grassrootsUnion',
    name: '苏州宝丽洁日用品有限公司工会委员会',
  });
  chair = await loginAs(ctx, await buildUser({ role: 'grassrootsChair', org: union }));
  officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
});

describe('entering and changing a record', () => {
  let record: ModelWorkerDetail;

  it('the district enters a model worker; 401, 403, 404 and 400 before it', async () => {
    expect((await clientFor(ctx).post(BASE, worker())).statusCode).toBe(401);
    expect((await orgDept.post(BASE, worker())).statusCode).toBe(403);
    expect((await chair.post(BASE, worker())).statusCode).toBe(403);
    expect((await staff.post(BASE, worker({ orgId: otherTown.id }))).statusCode).toBe(404);
    const bad = await staff.post(BASE, worker({ name: ' ', level: 'district' as 'city', year: 1800 }));
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['level', 'name', 'year']);
    const phone = await production.post(BASE, worker({ phone: 'call me' }));
    expect(fieldsOf(phone.body)).toEqual(['phone']);
    // Someone without studio:contacts cannot write a phone: refused, not dropped silently.
    const contacts = await staff.post(BASE, worker({ phone: PHONE }));
    expect(contacts.statusCode).toBe(403);
    expect(errorOf(contacts.body).message).toContain('联系方式');

    record = ok<ModelWorkerDetail>(await staff.post(BASE, worker({ orgId: town.id })));
    expect(record).toMatchObject({
      name: '沈建新',
      level: 'province',
      status: 'active',
      org: { id: town.id, name: '长桥街道工会' },
      district: '吴中区总工会',
      phone: null,
      contactsHidden: true,
      canEdit: true,
      canEditContacts: false,
      version: 1,
    });
    expect(record.history.map((h) => h.action)).toEqual(['登记']);
  });

  it('the production department adds the contacts; only it and the association read them', async () => {
    const withContacts = ok<ModelWorkerDetail>(
      await production.put(`${BASE}/${record.id}`, {
        ...worker(),
        phone: PHONE,
        address: ADDRESS,
        version: record.version,
      }),
    );
    expect(withContacts).toMatchObject({
      phone: PHONE,
      address: ADDRESS,
      contactsHidden: false,
      canEditContacts: true,
    });
    record = withContacts;
    expect(ok<ModelWorkerDetail>(await association.get(`${BASE}/${record.id}`))).toMatchObject({
      phone: PHONE,
    });
    for (const reader of [staff, orgDept]) {
      const res = await reader.get(`${BASE}/${record.id}`);
      expect(json<ModelWorkerDetail>(res)).toMatchObject({
        phone: null,
        address: null,
        contactsHidden: true,
      });
      expect(res.body).not.toContain(PHONE);
      expect(res.body).not.toContain('东吴北路');
    }
  });

  it('the district retires the model worker: the status change is in the history, the contacts are kept', async () => {
    const retired = ok<ModelWorkerDetail>(
      await staff.put(`${BASE}/${record.id}`, { ...worker(), status: 'retired', version: record.version }),
    );
    expect(retired.status).toBe('retired');
    expect(retired.history.map((h) => [h.action, h.text])).toEqual([
      ['登记', ''],
      ['修改', '联系电话、通讯地址'],
      ['修改', '状态：在职 → 退休'],
    ]);
    expect(JSON.stringify(retired.history)).not.toContain(PHONE);
    expect(ok<ModelWorkerDetail>(await production.get(`${BASE}/${record.id}`))).toMatchObject({
      phone: PHONE,
      address: ADDRESS,
    });
    // A stale version, a phone from the district, someone outside the scope: nothing changes.
    const stale = await staff.put(`${BASE}/${record.id}`, {
      ...worker(),
      status: 'deceased',
      version: record.version,
    });
    expect(stale.statusCode).toBe(409);
    const phone = await staff.put(`${BASE}/${record.id}`, {
      ...worker(),
      status: 'retired',
      phone: '0512-66668888',
      version: retired.version,
    });
    expect(phone.statusCode).toBe(403);
    expect(
      (await stranger.put(`${BASE}/${record.id}`, { ...worker(), version: retired.version })).statusCode,
    ).toBe(404);
    expect(
      (await orgDept.put(`${BASE}/${record.id}`, { ...worker(), version: retired.version })).statusCode,
    ).toBe(403);
    expect((await staff.get(`${BASE}/${record.id}`)).body).toContain('"status":"retired"');
    record = retired;
  });

  it('reading: 401 without a session, 403 without studio:read, 404 outside the scope', async () => {
    expect((await clientFor(ctx).get(`${BASE}/${record.id}`)).statusCode).toBe(401);
    expect((await officer.get(`${BASE}/${record.id}`)).statusCode).toBe(403);
    expect((await officer.get(BASE)).statusCode).toBe(403);
    expect((await stranger.get(`${BASE}/${record.id}`)).statusCode).toBe(404);
    // A grassroots chair's scope is its own union.
    expect((await chair.get(`${BASE}/${record.id}`)).statusCode).toBe(404);
    expect((await staff.get(`${BASE}/not-a-uuid`)).statusCode).toBe(400);
    const detail = ok<ModelWorkerDetail>(await orgDept.get(`${BASE}/${record.id}`));
    expect(detail.canEdit).toBe(false);
  });
});

describe('search, filters and scope', () => {
  beforeAll(async () => {
    await buildModelWorker({
      org: district,
      name: '陆秀英',
      level: 'national',
      year: 2005,
      unitName: '吴中区人民医院',
    });
    await buildModelWorker({
      org: town,
      name: '顾卫东',
      level: 'city',
      year: 2020,
      unitName: '长桥实验小学',
    });
    await buildModelWorker({
      org: otherTown,
      name: '周振华',
      level: 'city',
      year: 2018,
      unitName: '盛泽纺织集团',
    });
    const root = await rootFederation();
    await buildModelWorker({
      org: root,
      name: '钱美玲',
      level: 'province',
      year: 2010,
      unitName: '苏州市第一中学',
    });
  });

  it('each unit sees the records kept in its subtree; the city sees all', async () => {
    expect(await names(staff, 'level=national')).toEqual(['陆秀英']);
    expect(await names(stranger, '')).toEqual(['周振华']);
    expect(await names(production, q('美玲'))).toEqual(['钱美玲']);
    expect(await names(staff, q('美玲'))).toEqual([]);
    expect((await page(chair, 'pageSize=100')).total).toBe(0);
  });

  it('searches by part of the name or of the unit', async () => {
    expect(await names(staff, q('秀英'))).toEqual(['陆秀英']);
    expect(await names(staff, q('人民医院'))).toEqual(['陆秀英']);
    expect(await names(staff, q('顾'))).toEqual(['顾卫东']);
    expect(await names(staff, q('东吴精密'))).toEqual(['沈建新']);
  });

  it('filters by level, year range, status, field, unit below and the honour link', async () => {
    expect(await names(staff, 'level=city')).toEqual(['顾卫东']);
    expect(await names(staff, 'yearFrom=2006&yearTo=2019')).toEqual(['沈建新']);
    expect(await names(staff, 'yearFrom=2015')).toEqual(['沈建新', '顾卫东']);
    expect(await names(staff, 'status=retired')).toEqual(['沈建新']);
    expect(await names(staff, `field=${encodeURIComponent('机械制造')}&status=active`)).toEqual([
      '陆秀英',
      '顾卫东',
    ]);
    expect(await names(staff, `orgId=${town.id}`)).toEqual(['沈建新', '顾卫东']);
    expect(await names(production, `orgId=${district.id}&level=national`)).toEqual(['陆秀英']);
    expect(await names(staff, 'hasHonour=true')).toEqual([]);
    expect((await page(staff, 'hasHonour=false')).total).toBe(3);
    // Paging: the latest year first.
    const first = await page(staff, 'pageSize=2');
    expect(first.total).toBe(3);
    expect(first.items.map((w) => w.year)).toEqual([2020, 2015]);
    expect((await page(staff, 'pageSize=2&page=2')).items.map((w) => w.name)).toEqual(['陆秀英']);
  });

  it('bad filters answer 400 naming the field; a unit of another district 404', async () => {
    expect(fieldsOf((await staff.get(`${BASE}?yearFrom=2020&yearTo=2010`)).body)).toEqual(['yearTo']);
    expect(fieldsOf((await staff.get(`${BASE}?level=district`)).body)).toEqual(['level']);
    expect(fieldsOf((await staff.get(`${BASE}?hasHonour=yes`)).body)).toEqual(['hasHonour']);
    expect((await staff.get(`${BASE}?orgId=${otherTown.id}`)).statusCode).toBe(404);
  });
});

/** An xlsx workbook of rows (first row: the header). */
async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('劳模名单');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The cells of an xlsx answer's first sheet as text, row by row. */
async function sheetOf(raw: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(raw as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v as string))));
  });
  return rows;
}

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

const HEADER = ['姓名', '性别', '级别', '授予年度', '工作单位', '专业领域', '状态', '联系电话', '保管单位'];

describe('import', () => {
  it('a file with bad rows imports nothing and names each row and column', async () => {
    const before = (await page(production, 'pageSize=1')).total;
    const file = await xlsxOf([
      HEADER,
      ['朱立新', '男', '省', 2016, '苏州工业园区某公司', '电子信息', '在职', '', '长桥街道工会'],
      ['徐海燕', '女', '区', 2016, '某公司', '', '在职', '', ''],
      ['曹德明', '男', '市', '二〇一六', '某公司', '', '调走', '', ''],
      ['彭永康', '男', '市', 2017, '某公司', '', '', '', '不存在的工会'],
    ]);
    const res = await production.upload(`${BASE}/import`, '劳模.xlsx', file);
    expect(res.statusCode).toBe(400);
    const error = errorOf(res.body);
    expect(error.code).toBe('MODEL_WORKER_IMPORT_INVALID');
    expect(error.details.errors.map((e) => [e.row, e.field])).toEqual([
      [3, '级别'],
      [4, '授予年度'],
      [4, '状态'],
      [5, '保管单位'],
    ]);
    expect((await page(production, 'pageSize=1')).total).toBe(before);
  });

  it('the city imports an xlsx list with contacts, each kept by the unit it names; twice is refused', async () => {
    const rows = [
      HEADER,
      [
        '朱立新',
        '男',
        '省劳动模范',
        2016,
        '苏州工业园区某公司',
        '电子信息',
        '在职',
        '13800001111',
        '长桥街道工会',
      ],
      ['蒋爱萍', '女', '市', '2019年', '苏州市立医院', '医疗卫生', '退休', '', ''],
    ];
    const dry = ok<ModelWorkerImportResult>(
      await production.upload(`${BASE}/import?dryRun=true`, '名单.xlsx', await xlsxOf(rows)),
    );
    expect(dry).toMatchObject({ dryRun: true, committed: false, rows: 2, imported: 2 });
    expect(await names(production, q('立新'))).toEqual([]);
    const done = ok<ModelWorkerImportResult>(
      await production.upload(`${BASE}/import`, '名单.xlsx', await xlsxOf(rows)),
    );
    expect(done).toMatchObject({ committed: true, imported: 2, warnings: [] });
    const zhu = (await page(production, q('朱立新'))).items[0]!;
    expect(zhu).toMatchObject({ level: 'province', year: 2016, org: { id: town.id }, phone: '13800001111' });
    expect(await names(staff, q('立新'))).toEqual(['朱立新']);
    // Kept by the city: not the district's.
    expect(await names(staff, q('爱萍'))).toEqual([]);
    expect((await page(production, q('爱萍'))).items[0]).toMatchObject({
      status: 'retired',
      district: '市本级',
    });
    expect(
      ok<ModelWorkerDetail>(await production.get(`${BASE}/${zhu.id}`)).history.map((h) => h.action),
    ).toEqual(['导入']);
    const again = await production.upload(`${BASE}/import`, '名单.xlsx', await xlsxOf(rows));
    expect(again.statusCode).toBe(400);
    expect(errorOf(again.body).details.errors).toHaveLength(2);
  });

  it('imports a CSV saved in GBK; the district’s contact column is ignored and it is told so', async () => {
    const csv = [
      '姓名,性别,级别,年度,工作单位,联系电话,通讯地址',
      '孙国平,男,全国,2010,吴中区木渎镇某公司,13700002222,木渎镇某路',
      '马春梅,女,市,2021,长桥中心小学,,',
    ].join('\r\n');
    const done = ok<ModelWorkerImportResult>(await staff.upload(`${BASE}/import`, '劳模.csv', gbk(csv)));
    expect(done).toMatchObject({ committed: true, imported: 2 });
    expect(done.warnings.join()).toContain('联系电话、通讯地址');
    const sun = (await page(production, q('孙国平'))).items[0]!;
    expect(sun).toMatchObject({
      level: 'national',
      unitName: '吴中区木渎镇某公司',
      phone: null,
      address: null,
    });
    expect(sun.org.id).toBe(district.id);
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
    expect(workbook.getWorksheet('劳模名单')!.getRow(1).getCell(1).value).toBe('姓名');
    expect(workbook.getWorksheet('填写说明')).toBeDefined();
    const back = await staff.upload(`${BASE}/import`, '模板.xlsx', res.rawPayload);
    expect(back.statusCode).toBe(400);
    expect(errorOf(back.body).details.errors.map((e) => e.field)).toContain('备注');
    expect((await orgDept.get(`${BASE}/import-template.xlsx`)).statusCode).toBe(403);
  });
});

describe('export', () => {
  it('the district and the organisation department never get a phone number; the production department does', async () => {
    for (const reader of [staff, orgDept]) {
      const res = await reader.get(`${BASE}/export.xlsx`);
      expect(res.statusCode).toBe(200);
      const rows = await sheetOf(res.rawPayload);
      expect(rows[0]).not.toContain('联系电话');
      expect(rows[0]).not.toContain('通讯地址');
      const text = JSON.stringify(rows);
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain('13800001111');
      expect(text).not.toContain('东吴北路');
      // The list answers the same.
      const list = await reader.get(`${BASE}?pageSize=500`);
      expect(list.body).not.toContain(PHONE);
      expect(list.body).not.toContain('13800001111');
    }
    const rows = await sheetOf((await production.get(`${BASE}/export.xlsx?${q('沈建新')}`)).rawPayload);
    const header = rows[0]!;
    expect(header.slice(0, 5)).toEqual(['姓名', '性别', '出生年份', '级别', '授予年度']);
    expect(rows).toHaveLength(2);
    const row = rows[1]!;
    expect(row[header.indexOf('联系电话')]).toBe(PHONE);
    expect(row[header.indexOf('状态')]).toBe('退休');
    expect(row[header.indexOf('保管单位')]).toBe('长桥街道工会');
  });

  it('exports with the list’s filters, in scope', async () => {
    const rows = await sheetOf((await staff.get(`${BASE}/export.xlsx?level=city`)).rawPayload);
    const listed = await names(staff, 'level=city');
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(listed);
    expect((await stranger.get(`${BASE}/export.xlsx?orgId=${district.id}`)).statusCode).toBe(404);
    expect((await officer.get(`${BASE}/export.xlsx`)).statusCode).toBe(403);
  });

  it('the export imports back elsewhere (same columns as the template)', async () => {
    const res = await production.get(`${BASE}/export.xlsx?${q('沈建新')}`);
    const back = await association.upload(`${BASE}/import?dryRun=true`, '名册.xlsx', res.rawPayload);
    // The record exists already: the row is refused as a duplicate, by its name.
    expect(errorOf(back.body).details.errors.map((e) => e.field)).toEqual(['姓名']);
  });
});

describe('the studios’ picker', () => {
  it('an enterprise union’s chair finds a model worker anywhere in the register, without contacts', async () => {
    const found = ok<ModelWorkerRef[]>(await chair.get(`${BASE}/lookup?${q('沈建')}`));
    expect(found).toHaveLength(1);
    expect(Object.keys(found[0]!).sort()).toEqual(['id', 'level', 'name', 'unitName', 'year']);
    expect(found[0]).toMatchObject({ name: '沈建新', level: 'province', year: 2015 });
    // Across districts: 吴江's staff finds 吴中's record too.
    expect(
      ok<ModelWorkerRef[]>(await stranger.get(`${BASE}/lookup?${q('秀英')}`)).map((w) => w.name),
    ).toEqual(['陆秀英']);
    const all = await chair.get(`${BASE}/lookup`);
    expect(json<ModelWorkerRef[]>(all).length).toBeLessThanOrEqual(20);
    expect(all.body).not.toContain(PHONE);
  });

  it('leaves out the deceased; 403 for readers who neither apply nor manage, 401 without a session', async () => {
    const late = await buildModelWorker({ org: district, name: '韩金龙', year: 1999 });
    const detail = ok<ModelWorkerDetail>(await staff.get(`${BASE}/${late.id}`));
    ok(
      await staff.put(`${BASE}/${late.id}`, {
        ...worker({ name: '韩金龙', level: 'city', year: 1999, unitName: late.unitName }),
        status: 'deceased',
        version: detail.version,
      }),
    );
    expect(ok<ModelWorkerRef[]>(await chair.get(`${BASE}/lookup?${q('韩金龙')}`))).toEqual([]);
    expect((await orgDept.get(`${BASE}/lookup`)).statusCode).toBe(403);
    expect((await clientFor(ctx).get(`${BASE}/lookup`)).statusCode).toBe(401);
    expect(fieldsOf((await chair.get(`${BASE}/lookup?q=${'长'.repeat(51)}`)).body)).toEqual(['q']);
  });
});

describe('the link to the honours register', () => {
  beforeAll(async () => {
    const csv = [
      '荣誉类型,级别,年度,授予机关,获奖对象类型,获奖对象,性别,所在单位,推荐单位',
      '劳动模范,省,2015,江苏省人民政府,个人,王志强,男,苏州精工机械有限公司,吴中区总工会',
      '劳动模范,市,2018,苏州市人民政府,个人,李丽华,女,长桥实验小学,吴中区总工会',
      '劳动模范,全国,2020,中共中央、国务院,个人,杨振华,男,吴江丝绸集团,吴江市总工会',
      '五一劳动奖章,市,2018,苏州市总工会,个人,何晓明,男,某公司,吴中区总工会',
    ].join('\r\n');
    ok(await production.upload('/api/competitions/honours/import', '劳模荣誉.csv', csv));
  });

  it('offers the conferred 劳动模范 honours of the scope to choose from', async () => {
    const mine = ok<HonourCandidates>(await staff.get(`${BASE}/honours`)).items;
    expect(mine.map((h) => h.name).sort()).toEqual(['李丽华', '王志强']);
    expect(ok<HonourCandidates>(await staff.get(`${BASE}/honours?${q('志强')}`)).items[0]).toMatchObject({
      name: '王志强',
      level: 'province',
      year: 2015,
      unitName: '苏州精工机械有限公司',
      linkedTo: null,
    });
    expect((await orgDept.get(`${BASE}/honours`)).statusCode).toBe(403);
    expect((await chair.get(`${BASE}/honours`)).statusCode).toBe(403);
  });

  it('a record names its honour; a wrong year, an honour out of scope or linked twice is refused', async () => {
    const [wang] = ok<HonourCandidates>(await staff.get(`${BASE}/honours?${q('王志强')}`)).items;
    const [yang] = ok<HonourCandidates>(await production.get(`${BASE}/honours?${q('杨振华')}`)).items;
    const body = worker({ name: '王志强', unitName: '苏州精工机械有限公司', honourId: wang!.id });
    expect(fieldsOf((await staff.post(BASE, { ...body, year: 2016 })).body)).toEqual(['year']);
    expect(fieldsOf((await staff.post(BASE, { ...body, level: 'city' })).body)).toEqual(['level']);
    expect(
      fieldsOf((await staff.post(BASE, { ...body, honourId: yang!.id, level: 'national', year: 2020 })).body),
    ).toEqual(['honourId']);
    const linked = ok<ModelWorkerDetail>(await staff.post(BASE, body));
    expect(linked.honour).toMatchObject({
      id: wang!.id,
      title: '2015年省劳动模范',
      awardingBody: '江苏省人民政府',
    });
    const twice = await staff.post(BASE, body);
    expect(twice.statusCode).toBe(409);
    expect(fieldsOf(twice.body)).toEqual(['honourId']);
    expect(ok<HonourCandidates>(await staff.get(`${BASE}/honours?${q('王志强')}`)).items[0]!.linkedTo).toBe(
      '王志强',
    );
    expect(await names(staff, 'hasHonour=true')).toEqual(['王志强']);
  });

  it('adds every honour of the scope not yet linked, once; the city adds the rest', async () => {
    expect((await orgDept.post(`${BASE}/from-honours`)).statusCode).toBe(403);
    expect(ok<FromHonoursResult>(await staff.post(`${BASE}/from-honours`))).toEqual({ added: 1 });
    expect(ok<FromHonoursResult>(await staff.post(`${BASE}/from-honours`))).toEqual({ added: 0 });
    const li = (await page(staff, q('李丽华'))).items[0]!;
    expect(li).toMatchObject({
      level: 'city',
      year: 2018,
      unitName: '长桥实验小学',
      status: 'active',
      district: '吴中区总工会',
    });
    expect(li.honour?.title).toBe('2018年市劳动模范');
    expect(ok<ModelWorkerDetail>(await staff.get(`${BASE}/${li.id}`)).history.map((h) => h.action)).toEqual([
      '从荣誉库添加',
    ]);
    expect(ok<FromHonoursResult>(await association.post(`${BASE}/from-honours`))).toEqual({ added: 1 });
    const yang = (await page(production, q('杨振华'))).items[0]!;
    expect(yang).toMatchObject({ district: '吴江市总工会', honour: { title: '2020年全国劳动模范' } });
    expect(await names(production, 'hasHonour=true')).toEqual(['李丽华', '杨振华', '王志强']);
  });
});

describe('an organisation that moves', () => {
  it('takes its model workers with it', async () => {
    const root = await rootFederation();
    const moving = await buildOrg({ parent: town, kind: 'grassrootsUnion', name: '迁址企业工会' });
    await buildModelWorker({ org: moving, name: '迁址劳模', unitName: '迁址企业' });
    expect(await names(staff, q('迁址劳模'))).toEqual(['迁址劳模']);
    const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: root }));
    const current = json<{ version: number }>(await admin.get(`/api/orgs/${moving.id}`));
    ok(await admin.post(`/api/orgs/${moving.id}/move`, { parentId: otherTown.id, version: current.version }));
    expect(await names(staff, q('迁址劳模'))).toEqual([]);
    expect(await names(stranger, q('迁址劳模'))).toEqual(['迁址劳模']);
  });
});
