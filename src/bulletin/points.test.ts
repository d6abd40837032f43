import { mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
} from '../../tests/test-app';
import type { OrgDetail } from '../orgs/contract';
import { entryText, findEntry, readZipDirectory } from '../platform/zip';
import type { AuditPage } from '../platform/shared/audit-contract';
import type { ColumnList, SubmissionDetail } from './contract';
import type { PointsConfigView, PointsEventList, RankingView } from './points-contract';
import { chinaToday } from '../platform/shared/dates';

const ctx = setupTestApp();

let wuzhong: OrgDetail;
let wujiang: OrgDetail;
let officer: Client;
let wujiangOfficer: Client;
let educationOfficer: Client;
let editor: Client;
let column: string;
let dir: string;

const today = chinaToday();
const [year, month] = today.split('-').map(Number) as [number, number];
const monthly = (extra = '') =>
  `/api/bulletin/points/rankings?period=month&year=${year}&month=${month}${extra}`;

beforeAll(async () => {
  const root = await rootFederation();
  wuzhong = await buildOrg({ name: '吴中区总工会' });
  wujiang = await buildOrg({ name: '吴江市总工会' });
  await buildOrg({ name: '常熟市总工会' });
  const education = await buildOrg({ name: '苏州市教育工会', kind: 'industryUnion' });
  officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wuzhong }));
  wujiangOfficer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wujiang }));
  educationOfficer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: education }));
  editor = await loginAs(ctx, await buildUser({ role: 'federationStaff', department: 'office', org: root }));
  const columns = json<ColumnList>(await officer.get('/api/bulletin/columns'));
  column = columns.items.find((c) => c.name === '工作动态')!.id;
  dir = await mkdtemp(path.join(tmpdir(), 'gonghui-points-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function submitted(client: Client, title: string, authors: string[]): Promise<SubmissionDetail> {
  const res = await client.post('/api/bulletin/submissions', {
    title,
    body: `\u3000\u3000${title}，职工踊跃参加。`,
    authors,
    suggestedColumnId: column,
  });
  expect(res.statusCode, res.body).toBe(200);
  const d = json<SubmissionDetail>(res);
  const sent = await client.post(`/api/bulletin/submissions/${d.id}/submit`, { version: d.version });
  expect(sent.statusCode, sent.body).toBe(200);
  return json<SubmissionDetail>(sent);
}

async function adopt(item: SubmissionDetail, adoptionKind: 'full' | 'brief'): Promise<SubmissionDetail> {
  const res = await editor.post(`/api/bulletin/submissions/${item.id}/adopt`, {
    version: item.version,
    adoptionKind,
  });
  expect(res.statusCode, res.body).toBe(200);
  return json<SubmissionDetail>(res);
}

async function eventsOf(client: Client, id: string): Promise<PointsEventList> {
  const res = await client.get(`/api/bulletin/submissions/${id}/points-events`);
  expect(res.statusCode, res.body).toBe(200);
  return json<PointsEventList>(res);
}

async function ranking(client: Client, extra = ''): Promise<RankingView> {
  const res = await client.get(monthly(extra));
  expect(res.statusCode, res.body).toBe(200);
  return json<RankingView>(res);
}

const creditsOf = (list: PointsEventList, i = 0) =>
  Object.fromEntries(list.items[i]!.credits.map((c) => [c.author ?? c.org.name, c.points]));

let brief: SubmissionDetail;
let instructionId: string;

describe('points and rankings', () => {
  it('adoption as a brief awards 5 points to the unit and its author, in the adoption', async () => {
    brief = await adopt(await submitted(officer, '吴中区开展职工技能竞赛', ['赵信息']), 'brief');
    const list = await eventsOf(officer, brief.id);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ reason: 'adoption', level: 'own', kind: 'brief', points: 5 });
    expect(creditsOf(list)).toEqual({ 吴中区总工会: 5, 赵信息: 5 });
    expect(list.total).toBe(5);
    // The officer reads the points but may not record any.
    expect(list.canEdit).toBe(false);
    expect((await eventsOf(editor, brief.id)).canEdit).toBe(true);
  });

  it('a full adoption awards 10 points', async () => {
    const full = await adopt(await submitted(officer, '吴中区召开工资集体协商推进会', ['赵信息']), 'full');
    const list = await eventsOf(editor, full.id);
    expect(list.items[0]).toMatchObject({ kind: 'full', points: 10 });
    expect(creditsOf(list)).toEqual({ 吴中区总工会: 10, 赵信息: 10 });

    // Changed to a brief afterwards: the award follows, the first one stays on record, voided.
    const patched = await editor.patch(`/api/bulletin/submissions/${full.id}`, {
      version: full.version,
      adoptionKind: 'brief',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const revised = await eventsOf(editor, full.id);
    expect(revised.items.map((e) => [e.kind, e.points, e.voided])).toEqual([
      ['full', 10, true],
      ['brief', 5, false],
    ]);
    const back = await editor.patch(`/api/bulletin/submissions/${full.id}`, {
      version: json<SubmissionDetail>(patched).version,
      adoptionKind: 'full',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((await eventsOf(editor, full.id)).total).toBe(10);
  });

  it('a merge credits every source unit by the split (submitting unit 50%, the rest shared)', async () => {
    const a = await adopt(await submitted(officer, '吴中区关爱农民工', ['赵信息', '钱信息']), 'brief');
    const b = await submitted(wujiangOfficer, '吴江市关爱农民工', ['孙吴江']);
    const res = await editor.post('/api/bulletin/submissions/merge', {
      ids: [a.id, b.id],
      title: '吴中、吴江关爱农民工',
      body: '　　两地工会开展关爱农民工活动。',
      columnId: column,
      adoptionKind: 'full',
    });
    expect(res.statusCode, res.body).toBe(200);
    const merged = json<SubmissionDetail>(res);
    const list = await eventsOf(editor, merged.id);
    expect(list.items).toHaveLength(1);
    expect(creditsOf(list)).toEqual({
      吴中区总工会: 5,
      吴江市总工会: 5,
      赵信息: 2.5,
      钱信息: 2.5,
      孙吴江: 5,
    });
    // The source adopted earlier gives its points up to the merged item.
    const source = await eventsOf(editor, a.id);
    expect(source.items[0]).toMatchObject({ voided: true, voidReason: '稿件已并入合并稿，积分计入合并稿' });
    expect(source.total).toBe(0);
  });

  it('a provincial outlet adoption and a leader instruction add points; strangers cannot record', async () => {
    const outlet = await editor.post(`/api/bulletin/submissions/${brief.id}/points-events`, {
      reason: 'outlet',
      outletLevel: 'province',
      outletName: '江苏工人报',
      kind: 'full',
      occurredOn: today,
    });
    expect(outlet.statusCode, outlet.body).toBe(200);
    const instruction = await editor.post(`/api/bulletin/submissions/${brief.id}/points-events`, {
      reason: 'instruction',
      leaderLevel: 'province',
      instructedBy: '省总工会主席',
      occurredOn: today,
      note: '经验很好，可在全省推广。',
    });
    expect(instruction.statusCode, instruction.body).toBe(200);
    const list = json<PointsEventList>(instruction);
    expect(list.items.map((e) => [e.reason, e.levelLabel, e.points])).toEqual([
      ['adoption', '本刊', 5],
      ['outlet', '省级', 25],
      ['instruction', '省领导', 20],
    ]);
    expect(list.total).toBe(50);
    instructionId = list.items[2]!.id;

    const bad = await editor.post(`/api/bulletin/submissions/${brief.id}/points-events`, {
      reason: 'outlet',
      outletLevel: 'moon',
      outletName: '',
      kind: 'full',
      occurredOn: '2026-13-01',
    });
    expect(bad.statusCode).toBe(400);

    const body = { reason: 'special', note: '重要信息', occurredOn: today };
    // Officers record nothing (403, checked before the item is loaded, as for adoption); another
    // district's officer does not even see the item's points.
    for (const client of [officer, wujiangOfficer])
      expect(
        (await client.post(`/api/bulletin/submissions/${brief.id}/points-events`, body)).statusCode,
      ).toBe(403);
    expect((await wujiangOfficer.get(`/api/bulletin/submissions/${brief.id}/points-events`)).statusCode).toBe(
      404,
    );
    expect((await clientFor(ctx).get(`/api/bulletin/submissions/${brief.id}/points-events`)).statusCode).toBe(
      401,
    );
  });

  it('voiding an event keeps it on record and takes it out of the ranking', async () => {
    const before = await ranking(editor);
    const wz = before.rows.find((r) => r.unit === '吴中区总工会')!;
    expect(wz.points).toBe(5 + 10 + 5 + 25 + 20);

    const noReason = await editor.post(
      `/api/bulletin/submissions/${brief.id}/points-events/${instructionId}/void`,
      {
        reason: ' ',
      },
    );
    expect(noReason.statusCode).toBe(400);
    const res = await editor.post(
      `/api/bulletin/submissions/${brief.id}/points-events/${instructionId}/void`,
      {
        reason: '批示记录有误',
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    const list = json<PointsEventList>(res);
    expect(list.items.find((e) => e.id === instructionId)).toMatchObject({
      voided: true,
      voidReason: '批示记录有误',
    });
    expect(list.total).toBe(30);
    const again = await editor.post(
      `/api/bulletin/submissions/${brief.id}/points-events/${instructionId}/void`,
      {
        reason: '再次作废',
      },
    );
    expect(again.statusCode).toBe(409);

    const after = await ranking(editor);
    expect(after.rows.find((r) => r.unit === '吴中区总工会')!.points).toBe(45);

    const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
    const audits = json<AuditPage>(await admin.get('/api/audit?entity=pointsEvent&pageSize=100'));
    expect(audits.items.map((a) => a.action)).toContain('bulletin.voidPoints');
  });

  it('the monthly ranking lists every district, a silent one with 0, ranked by points', async () => {
    const view = await ranking(editor, '&group=districts');
    expect(view.title).toBe(`关于${year}年${month}月信息报送情况的通报`);
    expect(
      view.rows.map((r) => [
        r.rank,
        r.unit,
        r.submitted,
        r.adopted,
        r.adoptedFull,
        r.adoptedBrief,
        r.outlets,
        r.instructions,
        r.points,
        r.silent,
      ]),
    ).toEqual([
      [1, '吴中区总工会', 3, 3, 2, 1, 1, 0, 45, false],
      [2, '吴江市总工会', 1, 1, 1, 0, 0, 0, 5, false],
      [3, '常熟市总工会', 0, 0, 0, 0, 0, 0, 0, true],
    ]);
    expect(view.silentUnits).toEqual(['常熟市总工会']);
    expect(view.totals).toMatchObject({ units: 3, submitted: 4, points: 50 });

    const authors = await ranking(editor, '&group=districts&by=author');
    expect(authors.rows.map((r) => [r.rank, r.author, r.unit, r.points])).toEqual([
      [1, '赵信息', '吴中区总工会', 42.5],
      [2, '孙吴江', '吴江市总工会', 5],
      [3, '钱信息', '吴中区总工会', 2.5],
    ]);

    const industry = await ranking(editor, '&group=industry');
    expect(industry.rows).toMatchObject([{ rank: 1, unit: '苏州市教育工会', points: 0, silent: true }]);
    const departments = await ranking(editor, '&group=departments');
    expect(departments.rows.every((r) => r.silent && r.rank === 1)).toBe(true);
  });

  it('an officer sees the own group only, and the authors of the own unit', async () => {
    const view = await ranking(officer, '&group=districts');
    expect(view.groups).toEqual(['districts']);
    expect(view.rows).toHaveLength(3);
    expect((await officer.get(monthly('&group=industry'))).statusCode).toBe(403);
    expect((await educationOfficer.get(monthly('&group=industry'))).statusCode).toBe(200);
    const authors = await ranking(officer, '&group=districts&by=author');
    expect(authors.rows.map((r) => r.author)).toEqual(['赵信息', '钱信息']);
    const bad = await editor.get('/api/bulletin/points/rankings?period=month&year=2026');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请选择月份');
  });

  it('the points table: defaults, validation in Chinese, stale version 409, history kept', async () => {
    const got = json<PointsConfigView>(await editor.get('/api/bulletin/points/config'));
    expect(got.version).toBe(1);
    expect(got.config.outlets.own).toEqual({ full: 10, brief: 5 });
    expect(got.config.outlets.national).toEqual({ full: 40, brief: 15 });

    const negative = structuredClone(got.config);
    negative.outlets.own.brief = -1;
    negative.unitSplit.firstShare = 120;
    const bad = await editor.request('PUT', '/api/bulletin/points/config', { version: 1, config: negative });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('本刊简讯分不能为负数');

    const changed = structuredClone(got.config);
    changed.outlets.own.brief = 6;
    changed.unitSplit = { mode: 'equal', firstShare: 50 };
    expect(
      (await officer.request('PUT', '/api/bulletin/points/config', { version: 1, config: changed }))
        .statusCode,
    ).toBe(403);
    const ok = await editor.request('PUT', '/api/bulletin/points/config', { version: 1, config: changed });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<PointsConfigView>(ok).version).toBe(2);
    const stale = await editor.request('PUT', '/api/bulletin/points/config', { version: 1, config: changed });
    expect(stale.statusCode).toBe(409);

    // Points already awarded keep their figures; new adoptions use the new table.
    expect((await eventsOf(editor, brief.id)).items[0]!.points).toBe(5);
    const next = await adopt(await submitted(officer, '吴中区举办读书节', ['赵信息']), 'brief');
    expect((await eventsOf(editor, next.id)).items[0]!.points).toBe(6);

    const restore = await editor.request('PUT', '/api/bulletin/points/config', {
      version: 2,
      config: got.config,
    });
    expect(restore.statusCode).toBe(200);
  });

  it('exports the notice as xlsx with the numbers of the JSON, and as Word with its title', async () => {
    const view = await ranking(editor, '&group=districts');
    const res = await editor.get(monthly('&group=districts').replace('/rankings?', '/rankings.xlsx?'));
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('积分排名')!;
    expect(sheet.getCell(1, 1).value).toBe(view.title);
    const rows: unknown[][] = [];
    for (let r = 5; r < 5 + view.rows.length; r++) {
      const row = sheet.getRow(r);
      rows.push([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => row.getCell(c).value));
    }
    expect(rows).toEqual(
      view.rows.map((r) => [
        r.rank,
        r.unit,
        r.submitted,
        r.adopted,
        r.adoptedFull,
        r.adoptedBrief,
        r.outlets,
        r.instructions,
        r.points,
      ]),
    );
    expect(sheet.getRow(5 + view.rows.length).getCell(1).text).toContain('常熟市总工会未报送信息');

    const doc = await editor.get(monthly('&group=districts').replace('/rankings?', '/rankings.docx?'));
    expect(doc.statusCode, doc.body.slice(0, 200)).toBe(200);
    const file = path.join(dir, 'notice.docx');
    await writeFile(file, doc.rawPayload);
    const { size } = await stat(file);
    const fh = await open(file, 'r');
    let xml = '';
    try {
      const zip = await readZipDirectory(fh, size, {
        maxUncompressedBytes: 50 * 2 ** 20,
        maxCompressionRatio: 200,
      });
      const entry = findEntry(zip, 'word/document.xml')!;
      for await (const chunk of entryText(file, fh, size, entry)) xml += chunk;
    } finally {
      await fh.close();
    }
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain(view.title);
    expect(plain).toContain('常熟市总工会未报送信息');
    expect(plain).toContain('吴中区总工会');

    expect(
      (await officer.get(monthly('&group=industry').replace('/rankings?', '/rankings.xlsx?'))).statusCode,
    ).toBe(403);
  });
});
