// The yearly assessment through the API: the city sets a year's score sheet (weights summing to
// 100) and opens the year for every designated studio; the district above a studio scores it (the
// server totals the scores and proposes the result), a unit that is not the studio's scorer or lies
// elsewhere is refused; the city reviews (a changed result needs a comment), and a fail that
// completes the configured number of fails in consecutive years revokes the studio, a pass between
// resetting the count; an excellent studio is flagged with an adopted bulletin item; the year's
// report is read back as xlsx and Word; the home page's waiting items; a moved township's
// assessments follow it.
import { mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOrg,
  buildUser,
  clientFor,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../../tests/test-app';
import { buildStudio } from '../../../tests/studio-factories';
import { entryText, findEntry, readZipDirectory } from '../../platform/zip';
import type { WaitingList } from '../../platform/shared/waiting-contract';
import type { OrgDetail } from '../../orgs/contract';
import {
  totalHundredths,
  type AssessmentDetail,
  type AssessmentPage,
  type BulletinItemList,
  type OpenResult,
  type SheetBody,
  type SheetList,
  type SheetView,
  type SummaryView,
} from './contract';

const ctx = setupTestApp();
const BASE = '/api/studios/assessments';
const SHEETS = '/api/studios/assessment-sheets';

let district: OrgDetail;
let town: OrgDetail;
let grassroots: OrgDetail;
let otherDistrict: OrgDetail;
let otherTown: OrgDetail;
let city: Client;
let wuzhong: Client;
let wujiang: Client;
let townStaff: Client;
let chair: Client;
let orgDept: Client;
let officer: Client;
let dir: string;
/** Studios: applied for by the grassroots union, by the township, by the district, in 吴江, not designated. */
const studio: Record<'grassroots' | 'town' | 'district' | 'other' | 'applied', string> = {
  grassroots: '',
  town: '',
  district: '',
  other: '',
  applied: '',
};

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

const fieldsOf = (body: string) =>
  (JSON.parse(body) as { error: { details?: { field: string }[] } }).error.details?.map((d) => d.field) ?? [];

const sheetBody = (year: number, over: Partial<SheetBody> = {}): SheetBody => ({
  name: `${year}年度劳模创新工作室督察考核表`,
  year,
  criteria: [
    { key: 'plan', label: '四明确计划落实', weight: 40, maxScore: 100, evidence: '年度计划及里程碑完成情况' },
    {
      key: 'innovation',
      label: '创新成果',
      weight: 30,
      maxScore: 10,
      evidence: '专利证书、技改项目验收材料',
    },
    { key: 'training', label: '人才培养', weight: 30, maxScore: 50, evidence: null },
  ],
  excellentFrom: 90,
  passFrom: 60,
  failsToRevoke: 2,
  ...over,
});

/** Scores giving a total of `target` percent on every criterion (so the total is `target`). */
const scoresAt = (sheet: SheetView, target: number) =>
  sheet.criteria.map((c) => ({ key: c.key, score: (c.maxScore * target) / 100, note: '现场查看台账' }));

const sheets: Record<number, SheetView> = {};

async function sheetFor(year: number): Promise<SheetView> {
  sheets[year] ??= ok<SheetView>(await city.post(SHEETS, sheetBody(year)));
  return sheets[year];
}

async function openYear(year: number): Promise<OpenResult> {
  const sheet = await sheetFor(year);
  return ok<OpenResult>(await city.post(`${BASE}/open`, { year, sheetId: sheet.id }));
}

async function assessmentOf(client: Client, studioId: string, year: number): Promise<AssessmentDetail> {
  const page = ok<AssessmentPage>(await client.get(`${BASE}?studioId=${studioId}&year=${year}`));
  expect(page.items).toHaveLength(1);
  return ok<AssessmentDetail>(await client.get(`${BASE}/${page.items[0]!.id}`));
}

async function score(client: Client, studioId: string, year: number, target: number) {
  const a = await assessmentOf(client, studioId, year);
  return ok<AssessmentDetail>(
    await client.put(`${BASE}/${a.id}/score`, { version: a.version, scores: scoresAt(a.sheet, target) }),
  );
}

async function review(studioId: string, year: number, result: string, comment?: string) {
  const a = await assessmentOf(city, studioId, year);
  return ok<AssessmentDetail>(
    await city.post(`${BASE}/${a.id}/review`, { version: a.version, result, comment: comment ?? null }),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'assessments-'));
  const root = await rootFederation();
  district = await buildOrg({ name: '吴中区总工会' });
  town = await buildOrg({ parent: district, name: '长桥街道工会' });
  grassroots = await buildOrg({
    parent: town,
    kind: 'grassrootsUnion',
    name: '苏州宝丽洁日用品有限公司工会委员会',
  });
  otherDistrict = await buildOrg({ name: '吴江区总工会' });
  otherTown = await buildOrg({ parent: otherDistrict, name: '盛泽镇工会' });
  city = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'production', org: root }),
  );
  orgDept = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', department: 'organisation', org: root }),
  );
  wuzhong = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: district }));
  wujiang = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: otherDistrict }));
  townStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: town }));
  chair = await loginAs(ctx, await buildUser({ role: 'grassrootsChair', org: grassroots }));
  officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: district }));
  studio.grassroots = (await buildStudio({ org: grassroots, name: '宝丽洁劳模创新工作室' })).id;
  studio.town = (await buildStudio({ org: town, name: '长桥精密加工劳模创新工作室', level: 'province' })).id;
  studio.district = (await buildStudio({ org: district, name: '吴中区数控技术劳模创新工作室' })).id;
  studio.other = (await buildStudio({ org: otherTown, name: '盛泽丝绸劳模创新工作室' })).id;
  studio.applied = (await buildStudio({ org: town, name: '申报中的工作室', state: 'applied' })).id;
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('score sheets', () => {
  it('the city sets them; weights must sum to 100, keys be unique, excellent above pass', async () => {
    expect((await clientFor(ctx).post(SHEETS, sheetBody(2022))).statusCode).toBe(401);
    // The district may manage studios but does not set the city's sheet.
    expect((await wuzhong.post(SHEETS, sheetBody(2022))).statusCode).toBe(403);
    expect((await orgDept.post(SHEETS, sheetBody(2022))).statusCode).toBe(403);
    const weights = sheetBody(2022);
    weights.criteria[0]!.weight = 50;
    let res = await city.post(SHEETS, weights);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['criteria']);
    expect(res.body).toContain('权重之和应为 100，现为 110');
    const keys = sheetBody(2022);
    keys.criteria[1]!.key = 'plan';
    res = await city.post(SHEETS, keys);
    expect(fieldsOf(res.body)).toEqual(['criteria.1.key']);
    res = await city.post(SHEETS, sheetBody(2022, { excellentFrom: 60, passFrom: 60 }));
    expect(fieldsOf(res.body)).toEqual(['excellentFrom']);
    res = await city.post(SHEETS, { ...sheetBody(2022), criteria: [] });
    expect(fieldsOf(res.body)).toContain('criteria');

    const made = ok<SheetView>(await city.post(SHEETS, sheetBody(2022)));
    expect(made).toMatchObject({ year: 2022, locked: false, assessments: 0, failsToRevoke: 2 });
    sheets[2022] = made;
    expect((await city.post(SHEETS, sheetBody(2022))).statusCode).toBe(409);
    // Everyone who reads studios reads the sheets (the district scores by them).
    const list = ok<SheetList>(await orgDept.get(SHEETS));
    expect(list.items.map((s) => s.year)).toEqual([2022]);
    expect((await officer.get(SHEETS)).statusCode).toBe(403);

    const edited = ok<SheetView>(
      await city.put(`${SHEETS}/${made.id}`, { ...sheetBody(2022, { passFrom: 65 }), version: made.version }),
    );
    expect(edited.passFrom).toBe(65);
    expect(
      (await city.put(`${SHEETS}/${made.id}`, { ...sheetBody(2022), version: made.version })).statusCode,
    ).toBe(409);
    sheets[2022] = ok<SheetView>(
      await city.put(`${SHEETS}/${made.id}`, { ...sheetBody(2022), version: edited.version }),
    );
  });

  it('totals are exact to two decimals, rounded half up', () => {
    const thirds = [{ key: 'a', weight: 100, maxScore: 3 }];
    expect(totalHundredths(thirds, [{ key: 'a', score: 1 }])).toBe(3333);
    expect(totalHundredths(thirds, [{ key: 'a', score: 2 }])).toBe(6667);
    const mixed = [
      { key: 'a', weight: 40, maxScore: 100 },
      { key: 'b', weight: 30, maxScore: 10 },
      { key: 'c', weight: 30, maxScore: 50 },
    ];
    expect(
      totalHundredths(mixed, [
        { key: 'a', score: 90 },
        { key: 'b', score: 7.5 },
        { key: 'c', score: 41 },
      ]),
    ).toBe(8310);
    // 0.125 of a weight-1 criterion is 0.125 points: rounds up to 0.13.
    expect(
      totalHundredths(
        [
          { key: 'a', weight: 1, maxScore: 8 },
          { key: 'b', weight: 99, maxScore: 1 },
        ],
        [
          { key: 'a', score: 1 },
          { key: 'b', score: 0 },
        ],
      ),
    ).toBe(13);
    // Random scores: the exact total agrees with a float computation wherever that one is not on a tie.
    for (let i = 0; i < 200; i++) {
      const w = Math.floor(Math.random() * 99) + 1;
      const criteria = [
        { key: 'a', weight: w, maxScore: Math.floor(Math.random() * 200) + 1 },
        { key: 'b', weight: 100 - w, maxScore: Math.floor(Math.random() * 200) + 1 },
      ];
      const given = criteria.map((c) => ({
        key: c.key,
        score: Math.round(Math.random() * c.maxScore * 100) / 100,
      }));
      const float = given.reduce(
        (sum, s, k) => sum + (s.score / criteria[k]!.maxScore) * criteria[k]!.weight,
        0,
      );
      const exact = totalHundredths(criteria, given);
      expect(Math.abs(exact - float * 100)).toBeLessThanOrEqual(0.5 + 1e-6);
    }
  });
});

describe('a year of assessment', () => {
  it('the city opens the year for every designated studio, idempotently', async () => {
    const sheet = await sheetFor(2022);
    expect((await wuzhong.post(`${BASE}/open`, { year: 2022, sheetId: sheet.id })).statusCode).toBe(403);
    expect((await orgDept.post(`${BASE}/open`, { year: 2022, sheetId: sheet.id })).statusCode).toBe(403);
    const wrongYear = await city.post(`${BASE}/open`, { year: 2023, sheetId: sheet.id });
    expect(wrongYear.statusCode).toBe(400);
    expect(fieldsOf(wrongYear.body)).toEqual(['sheetId']);
    expect(fieldsOf((await city.post(`${BASE}/open`, { year: 2022 })).body)).toEqual(['sheetId']);
    expect(ok<OpenResult>(await city.post(`${BASE}/open`, { year: 2022, sheetId: sheet.id }))).toEqual({
      opened: 4,
      existing: 0,
    });
    expect(ok<OpenResult>(await city.post(`${BASE}/open`, { year: 2022, sheetId: sheet.id }))).toEqual({
      opened: 0,
      existing: 4,
    });
  });

  it('each unit lists its own subtree; filters and search narrow it', async () => {
    const total = async (client: Client, query = '') =>
      ok<AssessmentPage>(await client.get(`${BASE}?year=2022${query}`)).total;
    expect((await clientFor(ctx).get(BASE)).statusCode).toBe(401);
    expect((await officer.get(BASE)).statusCode).toBe(403);
    expect(await total(city)).toBe(4);
    expect(await total(orgDept)).toBe(4);
    expect(await total(wuzhong)).toBe(3);
    expect(await total(wujiang)).toBe(1);
    expect(await total(chair)).toBe(1);
    expect(await total(city, `&orgId=${district.id}`)).toBe(3);
    expect(await total(city, '&level=province')).toBe(1);
    expect(await total(city, `&q=${encodeURIComponent('宝丽洁')}`)).toBe(1);
    expect(await total(city, '&state=open')).toBe(4);
    expect(await total(city, '&state=scored')).toBe(0);
    // 吴中 may not filter by 吴江.
    expect((await wuzhong.get(`${BASE}?orgId=${otherDistrict.id}`)).statusCode).toBe(404);
    expect(fieldsOf((await city.get(`${BASE}?year=abc`)).body)).toEqual(['year']);
    expect(fieldsOf((await city.get(`${BASE}?result=great`)).body)).toEqual(['result']);
    const theirs = (await assessmentOf(wujiang, studio.other, 2022)).id;
    expect((await wuzhong.get(`${BASE}/${theirs}`)).statusCode).toBe(404);
    expect((await chair.get(`${BASE}/${theirs}`)).statusCode).toBe(404);
    const summary = ok<SummaryView>(await wuzhong.get(`${BASE}/summary?year=2022`));
    expect(summary.counts).toMatchObject({ total: 3, open: 3 });
    expect(summary.districts.map((d) => d.name)).toEqual(['吴中区总工会']);
    expect(summary.batches).toHaveLength(3);
  });

  it('the district scores the studios below it; the server totals and proposes the result', async () => {
    const a = await assessmentOf(wuzhong, studio.grassroots, 2022);
    expect(a.actions).toEqual(['score']);
    expect(a.sheet.criteria).toHaveLength(3);
    const url = `${BASE}/${a.id}/score`;
    const good = [
      { key: 'plan', score: 90, note: '计划节点均按期完成' },
      { key: 'innovation', score: 7.5, note: null },
      { key: 'training', score: 41, note: '培养技师 3 名' },
    ];
    expect((await clientFor(ctx).put(url, { version: a.version, scores: good })).statusCode).toBe(401);
    expect((await officer.put(url, { version: a.version, scores: good })).statusCode).toBe(403);
    // The township lies above the studio but is not its district; the city scores only its own.
    expect((await townStaff.put(url, { version: a.version, scores: good })).statusCode).toBe(403);
    expect((await city.put(url, { version: a.version, scores: good })).statusCode).toBe(403);
    expect((await chair.put(url, { version: a.version, scores: good })).statusCode).toBe(403);
    expect((await wujiang.put(url, { version: a.version, scores: good })).statusCode).toBe(404);
    let res = await wuzhong.put(url, {
      version: a.version,
      scores: [{ ...good[0]!, score: 101 }, good[1], good[2]],
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['scores.0.score']);
    res = await wuzhong.put(url, { version: a.version, scores: [good[0], good[1]] });
    expect(fieldsOf(res.body)).toEqual(['scores']);
    expect(res.body).toContain('人才培养');
    res = await wuzhong.put(url, { version: a.version, scores: [...good, { key: 'other', score: 1 }] });
    expect(fieldsOf(res.body)).toEqual(['scores.3.key']);
    res = await wuzhong.put(url, {
      version: a.version,
      scores: [good[0], good[1], { ...good[2]!, score: -1 }],
    });
    expect(fieldsOf(res.body)).toEqual(['scores.2.score']);
    res = await wuzhong.put(url, {
      version: a.version,
      scores: [good[0], good[1], { ...good[2]!, score: 1.005 }],
    });
    expect(fieldsOf(res.body)).toEqual(['scores.2.score']);
    expect((await wuzhong.put(url, { version: a.version + 1, scores: good })).statusCode).toBe(409);

    const scored = ok<AssessmentDetail>(await wuzhong.put(url, { version: a.version, scores: good }));
    expect(scored).toMatchObject({
      state: 'scored',
      total: '83.10',
      proposedResult: 'pass',
      finalResult: null,
    });
    expect(scored.scores.find((s) => s.key === 'training')?.note).toBe('培养技师 3 名');
    expect(scored.scoredBy?.name).toBeTruthy();
    // The sheet can no longer change.
    const sheet = ok<SheetList>(await city.get(SHEETS)).items.find((s) => s.year === 2022)!;
    expect(sheet.locked).toBe(true);
    expect(
      (await city.put(`${SHEETS}/${sheet.id}`, { ...sheetBody(2022), version: sheet.version })).statusCode,
    ).toBe(409);
    // A district may score again until the city reviews.
    const again = ok<AssessmentDetail>(
      await wuzhong.put(url, { version: scored.version, scores: scoresAt(a.sheet, 95) }),
    );
    expect(again).toMatchObject({ total: '95.00', proposedResult: 'excellent' });

    // The district's own studio, applied for by itself, is scored by the city.
    const own = await assessmentOf(wuzhong, studio.district, 2022);
    expect(own.actions).toEqual([]);
    res = await wuzhong.put(`${BASE}/${own.id}/score`, {
      version: own.version,
      scores: scoresAt(own.sheet, 70),
    });
    expect(res.statusCode).toBe(403);
    ok(await city.put(`${BASE}/${own.id}/score`, { version: own.version, scores: scoresAt(own.sheet, 70) }));
  });

  it('the home page shows what waits for scoring and for review', async () => {
    const waiting = async (client: Client) =>
      Object.fromEntries(
        ok<WaitingList>(await client.get('/api/home/waiting')).items.map((i) => [i.key, i.count]),
      );
    // 吴中: the township's studio is left; 吴江: its one.
    expect((await waiting(wuzhong))['studioAssessments.score']).toBe(1);
    expect((await waiting(wujiang))['studioAssessments.score']).toBe(1);
    expect((await waiting(wuzhong))['studioAssessments.review']).toBeUndefined();
    expect((await waiting(townStaff))['studioAssessments.score']).toBeUndefined();
    const forCity = await waiting(city);
    expect(forCity['studioAssessments.review']).toBe(2);
    // Nothing is left for the city to score: the zero is not shown.
    expect(forCity['studioAssessments.score']).toBeUndefined();
    expect(ok<AssessmentPage>(await wuzhong.get(`${BASE}?due=score`)).items.map((i) => i.studio.id)).toEqual([
      studio.town,
    ]);
  });

  it('the city reviews: confirms, or changes the result with a comment; then it is final', async () => {
    const a = await assessmentOf(city, studio.grassroots, 2022);
    expect(a.actions).toEqual(['review']);
    const url = `${BASE}/${a.id}/review`;
    expect((await wuzhong.post(url, { version: a.version, result: 'excellent' })).statusCode).toBe(403);
    const changed = await city.post(url, { version: a.version, result: 'pass' });
    expect(changed.statusCode).toBe(400);
    expect(fieldsOf(changed.body)).toEqual(['comment']);
    expect(fieldsOf((await city.post(url, { version: a.version, result: 'good' })).body)).toEqual(['result']);
    const reviewed = ok<AssessmentDetail>(await city.post(url, { version: a.version, result: 'excellent' }));
    expect(reviewed).toMatchObject({ state: 'reviewed', finalResult: 'excellent', actions: ['flag'] });
    expect(
      (await city.post(url, { version: reviewed.version, result: 'pass', comment: '再议' })).statusCode,
    ).toBe(409);
    const rescore = await wuzhong.put(`${BASE}/${a.id}/score`, {
      version: reviewed.version,
      scores: scoresAt(a.sheet, 50),
    });
    expect(rescore.statusCode).toBe(409);
    // The district's proposal changed by the city, with the reason.
    const own = await review(studio.district, 2022, 'fail', '现场检查发现台账不全，创新成果佐证不足');
    expect(own).toMatchObject({ finalResult: 'fail', proposedResult: 'pass', revokedStudio: false });
    expect(own.studio.state).toBe('designated');
    // The studio's own union reads the result.
    expect(ok<AssessmentDetail>(await chair.get(`${BASE}/${a.id}`)).finalResult).toBe('excellent');
  });

  it('an excellent studio is flagged for publicity with adopted bulletin items; others are not', async () => {
    const columns = ok<{ items: { id: string }[] }>(await officer.get('/api/bulletin/columns'));
    const draft = ok<{ id: string; version: number }>(
      await officer.post('/api/bulletin/submissions', {
        title: '宝丽洁劳模创新工作室攻克包装线难题',
        body: '　　近日，宝丽洁劳模创新工作室完成包装线技术改造，年节约成本 50 万元。',
        authors: ['赵信息'],
        suggestedColumnId: columns.items[0]!.id,
      }),
    );
    const sent = ok<{ id: string; version: number }>(
      await officer.post(`/api/bulletin/submissions/${draft.id}/submit`, { version: draft.version }),
    );
    const admin = await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }));
    ok(
      await admin.post(`/api/bulletin/submissions/${sent.id}/adopt`, {
        version: sent.version,
        adoptionKind: 'full',
      }),
    );
    const other = ok<{ id: string; version: number }>(
      await officer.post('/api/bulletin/submissions', {
        title: '未录用的稿件',
        body: '　　正文。',
        authors: ['赵信息'],
        suggestedColumnId: columns.items[0]!.id,
      }),
    );
    const picker = ok<BulletinItemList>(
      await city.get(`${BASE}/bulletin-items?q=${encodeURIComponent('宝丽洁')}`),
    );
    expect(picker.items.map((i) => i.id)).toEqual([sent.id]);
    expect((await officer.get(`${BASE}/bulletin-items`)).statusCode).toBe(403);

    const a = await assessmentOf(city, studio.grassroots, 2022);
    const url = `${BASE}/${a.id}/flag`;
    const body = { version: a.version, flagged: true, note: '推荐参加年度表彰', bulletinItemIds: [sent.id] };
    expect((await wuzhong.post(url, body)).statusCode).toBe(403);
    const notAdopted = await city.post(url, { ...body, bulletinItemIds: [sent.id, other.id] });
    expect(notAdopted.statusCode).toBe(400);
    expect(fieldsOf(notAdopted.body)).toEqual(['bulletinItemIds.1']);
    const flagged = ok<AssessmentDetail>(await city.post(url, body));
    expect(flagged).toMatchObject({ flagged: true, flagNote: '推荐参加年度表彰' });
    expect(flagged.bulletinItems.map((i) => i.title)).toEqual(['宝丽洁劳模创新工作室攻克包装线难题']);
    const failed = await assessmentOf(city, studio.district, 2022);
    const refused = await city.post(`${BASE}/${failed.id}/flag`, { ...body, version: failed.version });
    expect(refused.statusCode).toBe(409);
  });
});

describe('revocation after the configured number of fails in consecutive years', () => {
  it('a second fail in a row revokes the studio; one fail, or a pass between, does not', async () => {
    const repeat = (await buildStudio({ org: town, name: '连续不合格工作室' })).id;
    const between = (await buildStudio({ org: town, name: '中间合格工作室' })).id;
    // The 2022 studios that were designated then are assessed again; the new ones start in 2023.
    await openYear(2023);
    for (const s of [repeat, between]) await score(wuzhong, s, 2023, 50);
    const first = await review(repeat, 2023, 'fail');
    expect(first).toMatchObject({ revokedStudio: false, failsBefore: 0 });
    await review(between, 2023, 'fail');

    await openYear(2024);
    await score(wuzhong, between, 2024, 70);
    await review(between, 2024, 'pass');
    await score(wuzhong, repeat, 2024, 40);
    const before = await assessmentOf(city, repeat, 2024);
    expect(before.failsBefore).toBe(1);
    const second = await review(repeat, 2024, 'fail');
    expect(second).toMatchObject({ revokedStudio: true, finalResult: 'fail' });
    expect(second.studio.state).toBe('revoked');
    const [row] = await ctx.database.rows<{ state: string; revoke_reason: string }>(
      'select state, revoke_reason from studios where id = $1',
      [repeat],
    );
    expect(row!.state).toBe('revoked');
    expect(row!.revoke_reason).toContain('2023年、2024年督察考核连续 2 年不合格');
    const trail = await ctx.database.rows<{ kind: string }>(
      'select kind from studio_events where studio_id = $1 order by at',
      [repeat],
    );
    expect(trail.map((t) => t.kind)).toEqual(['assessment', 'assessment', 'revoke']);

    await openYear(2025);
    await score(wuzhong, between, 2025, 30);
    expect((await review(between, 2025, 'fail')).revokedStudio).toBe(false);
    expect((await assessmentOf(city, between, 2025)).studio.state).toBe('designated');
    // A revoked studio is no longer assessed.
    expect(ok<AssessmentPage>(await city.get(`${BASE}?studioId=${repeat}&year=2025`)).total).toBe(0);
  });
});

async function docxText(bytes: Buffer): Promise<string> {
  const file = path.join(dir, 'report.docx');
  await writeFile(file, bytes);
  const { size } = await stat(file);
  const fh = await open(file, 'r');
  let xml = '';
  try {
    const zip = await readZipDirectory(fh, size, {
      maxUncompressedBytes: 50 * 2 ** 20,
      maxCompressionRatio: 200,
    });
    for await (const chunk of entryText(file, fh, size, findEntry(zip, 'word/document.xml')!)) xml += chunk;
  } finally {
    await fh.close();
  }
  return xml.replace(/<[^>]+>/g, '');
}

describe('the report of a year or a batch', () => {
  it('reads back as xlsx with a column per criterion, and as Word with the counts', async () => {
    expect((await clientFor(ctx).get(`${BASE}/report.xlsx?year=2022`)).statusCode).toBe(401);
    expect((await officer.get(`${BASE}/report.xlsx?year=2022`)).statusCode).toBe(403);
    expect(fieldsOf((await city.get(`${BASE}/report.xlsx`)).body)).toEqual(['year']);
    expect(
      (await city.get(`${BASE}/report.docx?year=2022&batchId=0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b`))
        .statusCode,
    ).toBe(404);
    const res = await city.get(`${BASE}/report.xlsx?year=2022`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 5)).toEqual(['工作室', '依托单位', '所属地区', '级别', '命名批次']);
    expect(header[5]).toBe('四明确计划落实（权重40%，满分100）');
    const rows = [];
    for (let r = 3; r <= sheet.rowCount; r++) rows.push((sheet.getRow(r).values as unknown[]).slice(1));
    expect(rows).toHaveLength(4);
    const bao = rows.find((r) => r[0] === '宝丽洁劳模创新工作室')!;
    expect(bao.slice(2, 4)).toEqual(['吴中区总工会', '市级劳模创新工作室']);
    expect(bao.slice(5, 9)).toEqual([95, 9.5, 47.5, 95]);
    expect(bao[9]).toBe('优秀');
    const own = rows.find((r) => r[0] === '吴中区数控技术劳模创新工作室')!;
    expect(own[9]).toBe('不合格');
    expect(own[10]).toBe('现场检查发现台账不全，创新成果佐证不足');

    // 吴中's report holds only its studios.
    const mine = await wuzhong.get(`${BASE}/report.xlsx?year=2022`);
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.load(mine.rawPayload as unknown as ArrayBuffer);
    expect(book2.worksheets[0]!.rowCount).toBe(2 + 3);

    const doc = await city.get(`${BASE}/report.docx?year=2024`);
    expect(doc.statusCode, doc.body.slice(0, 200)).toBe(200);
    const plain = await docxText(doc.rawPayload);
    expect(plain).toContain('2024年度劳模创新工作室督察考核情况报告');
    expect(plain).toContain('优秀0家、合格1家、不合格1家，其中1家因连续不合格予以摘牌');
    expect(plain).toContain('连续不合格工作室');
    expect(plain).toContain('四明确计划落实（40%）');

    const batch = ok<AssessmentDetail>(
      await city.get(`${BASE}/${(await assessmentOf(city, studio.grassroots, 2022)).id}`),
    ).batch!;
    const one = await docxText(
      (await city.get(`${BASE}/report.docx?year=2022&batchId=${batch.id}`)).rawPayload,
    );
    expect(one).toContain(`（${batch.name}）`);
    expect(one).toContain('共对' + batch.name + '1家');
    expect(one).toContain('宝丽洁劳模创新工作室');
    expect(one).not.toContain('盛泽丝绸');
  });
});

describe('a moved township', () => {
  it('takes its studios’ assessments along', async () => {
    const [row] = await ctx.database.rows<{ version: number }>('select version from orgs where id = $1', [
      town.id,
    ]);
    ok(
      await (
        await loginAs(ctx, await buildUser({ role: 'admin', org: await rootFederation() }))
      ).post(`/api/orgs/${town.id}/move`, { parentId: otherDistrict.id, version: row!.version }),
    );
    const theirs = ok<AssessmentPage>(await wujiang.get(`${BASE}?year=2022`));
    expect(theirs.items.find((i) => i.studio.id === studio.grassroots)?.district).toBe('吴江区总工会');
    expect(ok<AssessmentPage>(await wuzhong.get(`${BASE}?year=2022`)).total).toBe(1);
  });
});
