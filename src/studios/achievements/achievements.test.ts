// A studio's achievements through the API: the studio's own side records them (an enterprise union
// with studio:apply, its district, the city's studio staff), others of the city read them, a
// sibling district sees nothing; bad input is refused naming the field; money is exact to the
// fen; a stale version changes nothing; files are attached, served and removed; records follow a
// moved organisation. Then the done-when test: with a few hundred seeded random records over
// studios of two districts and two levels, the totals by studio, district, level and year (and
// with each filter) equal the sums computed here from what was written, also after edits and
// deletes; and the export says the same.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
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
import { png } from '../../../tests/images';
import type { OrgDetail } from '../../orgs/contract';
import type { StudioLevel } from '../register/contract';
import {
  ACHIEVEMENT_KINDS,
  PATENT_KINDS,
  fenToYuan,
  yuanToFen,
  type AchievementBody,
  type AchievementKind,
  type AchievementTotals,
  type AchievementTotalsView,
  type AchievementView,
  type PatentKind,
  type StudioAchievementsView,
  type TotalsBy,
} from './contract';

const ctx = setupTestApp();
const BASE = '/api/studios/achievements';

let root: OrgDetail;
let wuzhong: OrgDetail;
let changqiao: OrgDetail;
let firm: OrgDetail;
let wujiang: OrgDetail;
let admin: Client;
let production: Client;
let orgDept: Client;
let wuzhongStaff: Client;
let wujiangStaff: Client;
let chair: Client;
let officer: Client;
let studioId: string;

function ok<T>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
}

const fieldsOf = (res: { statusCode: number; body: string }) => {
  expect(res.statusCode, res.body).toBe(400);
  return (JSON.parse(res.body) as { error: { details: { field: string }[] } }).error.details
    .map((d) => d.field)
    .sort();
};

const codeOf = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

/** A patent number with its check character, for an application of `year`, `kind` and `serial`. */
function patentNumber(year: number, kind: PatentKind, serial: number): string {
  const digits = `${year}${{ invention: 1, utility: 2, design: 3 }[kind]}${String(serial).padStart(7, '0')}`;
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * weights[i]!, 0) % 11;
  return `ZL${digits}.${sum === 10 ? 'X' : sum}`;
}

const innovation = (over: Partial<AchievementBody> = {}): AchievementBody => ({
  year: 2024,
  kind: 'innovation',
  title: '数控机床主轴温升补偿装置',
  achievedOn: '2024-06-18',
  benefitFen: 1_234_567,
  benefitBasis: '年节约电费及废品损失，经财务部核算',
  ...over,
});

beforeAll(async () => {
  root = await rootFederation();
  wuzhong = await buildOrg({ name: '吴中区总工会' });
  changqiao = await buildOrg({ parent: wuzhong, name: '长桥街道工会' });
  firm = await buildOrg({
    parent: changqiao,
    kind: 'grassrootsUnion',
    name: '苏州宝丽洁日用品有限公司工会委员会',
  });
  wujiang = await buildOrg({ name: '吴江市总工会' });
  admin = await loginAs(ctx, await buildUser({ role: 'admin', org: root }));
  production = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', org: root, department: 'production' }),
  );
  orgDept = await loginAs(
    ctx,
    await buildUser({ role: 'federationStaff', org: root, department: 'organisation' }),
  );
  wuzhongStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: wuzhong }));
  wujiangStaff = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: wujiang }));
  chair = await loginAs(ctx, await buildUser({ role: 'grassrootsChair', org: firm }));
  officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wuzhong }));
  studioId = (await buildStudio({ org: firm, name: '宝丽洁劳模创新工作室' })).id;
});

describe('a studio records its achievements', () => {
  it('the enterprise union records one; money is exact to the fen; every reader of the city sees it', async () => {
    expect(yuanToFen('12345.67')).toBe(1_234_567);
    expect(yuanToFen('12,345.6')).toBe(1_234_560);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-5')).toBeNull();
    const created = ok<AchievementView>(
      await chair.post(
        `/api/studios/${studioId}/achievements`,
        innovation({ benefitFen: yuanToFen('12345.67') }),
      ),
    );
    expect(created).toMatchObject({ kind: 'innovation', benefitFen: 1_234_567, version: 1, attachments: [] });
    for (const reader of [chair, wuzhongStaff, orgDept, production, admin]) {
      const view = ok<StudioAchievementsView>(await reader.get(`/api/studios/${studioId}/achievements`));
      const item = view.items.find((i) => i.id === created.id)!;
      expect(fenToYuan(item.benefitFen!)).toBe('12345.67');
      expect(view.totals.benefitYuan).toBe(
        fenToYuan(view.items.reduce((s, i) => s + (i.benefitFen ?? 0), 0)),
      );
    }
    const mine = ok<StudioAchievementsView>(await chair.get(`/api/studios/${studioId}/achievements`));
    expect(mine.mayWrite).toBe(true);
    expect(mine.closedBecause).toBeNull();
    expect(
      ok<StudioAchievementsView>(await orgDept.get(`/api/studios/${studioId}/achievements`)).mayWrite,
    ).toBe(false);
  });

  it('the district and the city production department record too; each kind keeps only its fields', async () => {
    const patent = ok<AchievementView>(
      await wuzhongStaff.post(`/api/studios/${studioId}/achievements`, {
        year: 2023,
        kind: 'patent',
        title: '一种湿巾折叠机',
        // Written as people copy it from a certificate: spaces, lower case, no ZL.
        patentNumber: ` ${patentNumber(2022, 'utility', 345678).slice(2).toLowerCase()} `,
        patentKind: 'utility',
        patentDate: '2023-03-10',
        peopleTrained: 12,
        awardName: '不属于专利的字段',
      }),
    );
    expect(patent).toMatchObject({
      patentNumber: patentNumber(2022, 'utility', 345678),
      patentKind: 'utility',
      peopleTrained: null,
      awardName: null,
      benefitFen: null,
    });
    const training = ok<AchievementView>(
      await production.post(`/api/studios/${studioId}/achievements`, {
        year: 2023,
        kind: 'training',
        title: '青年技工“师带徒”',
        peopleTrained: 15,
      }),
    );
    expect(training.peopleTrained).toBe(15);
    // The same patent twice in one studio would count twice.
    const again = await chair.post(`/api/studios/${studioId}/achievements`, {
      year: 2023,
      kind: 'patent',
      title: '同一专利',
      patentNumber: patentNumber(2022, 'utility', 345678),
      patentKind: 'utility',
      patentDate: '2023-03-10',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('patentNumber');
  });

  it('refuses bad input naming the field', async () => {
    const post = (body: unknown) => chair.post(`/api/studios/${studioId}/achievements`, body);
    expect(fieldsOf(await post(innovation({ benefitBasis: null })))).toEqual(['benefitBasis']);
    expect(fieldsOf(await post(innovation({ benefitFen: -1 })))).toEqual(['benefitFen']);
    expect(fieldsOf(await post(innovation({ benefitFen: 12.5 })))).toEqual(['benefitFen']);
    expect(fieldsOf(await post({ ...innovation(), kind: 'training', peopleTrained: -3 }))).toEqual([
      'peopleTrained',
    ]);
    expect(fieldsOf(await post({ ...innovation(), kind: 'training' }))).toEqual(['peopleTrained']);
    expect(fieldsOf(await post({ ...innovation(), kind: 'proposal', proposalsCount: 0 }))).toEqual([
      'proposalsCount',
    ]);
    expect(
      fieldsOf(
        await post({ ...innovation(), kind: 'patent', patentKind: 'invention', patentDate: '2024-01-02' }),
      ),
    ).toEqual(['patentNumber']);
    expect(fieldsOf(await post({ ...innovation(), kind: 'patent' }))).toEqual([
      'patentDate',
      'patentKind',
      'patentNumber',
    ]);
    const good = patentNumber(2021, 'invention', 1234);
    const wrongCheck = good.slice(0, -1) + (good.endsWith('1') ? '2' : '1');
    const patent = (number: string, kind: PatentKind = 'invention') =>
      post({
        ...innovation(),
        kind: 'patent',
        patentNumber: number,
        patentKind: kind,
        patentDate: '2024-01-02',
      });
    const checkRes = await patent(wrongCheck);
    expect(fieldsOf(checkRes)).toEqual(['patentNumber']);
    expect(checkRes.body).toContain('校验位');
    expect(fieldsOf(await patent('ZL2021-123'))).toEqual(['patentNumber']);
    expect((await patent(good, 'design')).body).toContain('发明专利');
    expect(
      fieldsOf(await post({ ...innovation(), kind: 'award', awardName: '省职工优秀技术创新成果' })),
    ).toEqual(['awardLevel']);
    expect(fieldsOf(await post(innovation({ achievedOn: '2023-12-31' })))).toEqual(['achievedOn']);
    expect(fieldsOf(await post(innovation({ year: 1900, achievedOn: null })))).toEqual(['year']);
    expect(fieldsOf(await post(innovation({ title: '  ' })))).toEqual(['title']);
    expect(fieldsOf(await post({ ...innovation(), kind: 'nonsense' }))).toEqual(['kind']);
    expect(fieldsOf(await post(innovation({ year: 2099, achievedOn: null })))).toEqual(['year']);
    expect(fieldsOf(await chair.get(`/api/studios/${studioId}/achievements?year=abc`))).toEqual(['year']);
    expect(fieldsOf(await chair.get(`${BASE}/totals?by=month`))).toEqual(['by']);
    expect(fieldsOf(await chair.get(`/api/studios/not-a-uuid/achievements`))).toEqual(['id']);
  });

  it('an edit carries the version: a stale one is refused and changes nothing; a delete too', async () => {
    const a = ok<AchievementView>(await chair.post(`/api/studios/${studioId}/achievements`, innovation()));
    const edited = ok<AchievementView>(
      await wuzhongStaff.put(`${BASE}/${a.id}`, {
        ...innovation({ title: '改后的名称', benefitFen: 99, benefitBasis: '核算' }),
        version: a.version,
      }),
    );
    expect(edited).toMatchObject({ title: '改后的名称', benefitFen: 99, version: 2 });
    const stale = await chair.put(`${BASE}/${a.id}`, { ...innovation({ title: '旧版本' }), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(codeOf(stale.body)).toBe('STALE_VERSION');
    expect((await chair.delete(`${BASE}/${a.id}?version=1`)).statusCode).toBe(409);
    const view = ok<StudioAchievementsView>(await chair.get(`/api/studios/${studioId}/achievements`));
    expect(view.items.find((i) => i.id === a.id)?.title).toBe('改后的名称');
    ok(await chair.delete(`${BASE}/${a.id}?version=2`));
    const after = ok<StudioAchievementsView>(await chair.get(`/api/studios/${studioId}/achievements`));
    expect(after.items.some((i) => i.id === a.id)).toBe(false);
    // The removal is in the audit trail.
    const trail = ok<{ items: { action: string }[] }>(
      await admin.get(`/api/audit?entity=studioAchievement&entityId=${a.id}`),
    );
    expect(trail.items.map((i) => i.action)).toContain('studio.achievement.delete');
    expect((await chair.put(`${BASE}/${a.id}`, { ...innovation(), version: 2 })).statusCode).toBe(404);
  });

  it('401 without a session, 403 without the permission, 404 from a sibling district', async () => {
    const anonymous = clientFor(ctx);
    const a = ok<AchievementView>(await chair.post(`/api/studios/${studioId}/achievements`, innovation()));
    const edit = { ...innovation(), version: a.version };
    for (const res of [
      await anonymous.get(`/api/studios/${studioId}/achievements`),
      await anonymous.post(`/api/studios/${studioId}/achievements`, innovation()),
      await anonymous.put(`${BASE}/${a.id}`, edit),
      await anonymous.delete(`${BASE}/${a.id}?version=1`),
      await anonymous.get(`${BASE}/totals`),
      await anonymous.get(`${BASE}/totals/export.xlsx`),
    ])
      expect(res.statusCode).toBe(401);
    // An information officer may not read studios; the organisation department only reads.
    for (const res of [
      await officer.get(`/api/studios/${studioId}/achievements`),
      await officer.get(`${BASE}/totals`),
      await orgDept.post(`/api/studios/${studioId}/achievements`, innovation()),
      await orgDept.put(`${BASE}/${a.id}`, edit),
      await orgDept.delete(`${BASE}/${a.id}?version=1`),
      await orgDept.upload(`${BASE}/${a.id}/attachments`, '证书.png', png(2, 2)),
    ])
      expect(res.statusCode, res.body).toBe(403);
    for (const res of [
      await wujiangStaff.get(`/api/studios/${studioId}/achievements`),
      await wujiangStaff.post(`/api/studios/${studioId}/achievements`, innovation()),
      await wujiangStaff.put(`${BASE}/${a.id}`, edit),
      await wujiangStaff.delete(`${BASE}/${a.id}?version=1`),
      await wujiangStaff.upload(`${BASE}/${a.id}/attachments`, '证书.png', png(2, 2)),
      await wujiangStaff.get(`${BASE}/totals?orgId=${wuzhong.id}`),
      await wujiangStaff.get(`${BASE}/totals?studioId=${studioId}`),
      await wujiangStaff.get(`${BASE}/totals/export.xlsx?orgId=${wuzhong.id}`),
    ])
      expect(res.statusCode, res.body).toBe(404);
    // Nor do its totals count them.
    const theirs = ok<AchievementTotalsView>(await wujiangStaff.get(`${BASE}/totals`));
    expect(theirs.total.records).toBe(0);
  });

  it('records are closed before designation and after revocation', async () => {
    const applied = await buildStudio({ org: firm, state: 'applied' });
    const revoked = await buildStudio({ org: firm, state: 'revoked' });
    for (const id of [applied.id, revoked.id]) {
      const res = await chair.post(`/api/studios/${id}/achievements`, innovation());
      expect(res.statusCode).toBe(409);
      expect(
        ok<StudioAchievementsView>(await chair.get(`/api/studios/${id}/achievements`)).closedBecause,
      ).toBeTruthy();
    }
  });

  it('files are attached, served to readers and removed', async () => {
    const a = ok<AchievementView>(await chair.post(`/api/studios/${studioId}/achievements`, innovation()));
    const file = ok<{ id: string; url: string; mimeType: string }>(
      await chair.upload(`${BASE}/${a.id}/attachments`, '专利证书.png', png(3, 3)),
    );
    expect(file.mimeType).toBe('image/png');
    const served = await orgDept.get(file.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect((await wujiangStaff.get(file.url)).statusCode).toBe(404);
    expect(fieldsOf(await chair.upload(`${BASE}/${a.id}/attachments`, '说明.txt', '纯文本'))).toEqual([
      'file',
    ]);
    const view = ok<StudioAchievementsView>(await chair.get(`/api/studios/${studioId}/achievements`));
    expect(view.items.find((i) => i.id === a.id)!.attachments.map((f) => f.id)).toEqual([file.id]);
    expect((await orgDept.delete(file.url)).statusCode).toBe(403);
    ok(await wuzhongStaff.delete(file.url));
    expect((await chair.get(file.url)).statusCode).toBe(404);
    // Deleting a record takes its files along.
    const second = ok<{ url: string }>(
      await chair.upload(`${BASE}/${a.id}/attachments`, '照片.png', png(2, 2)),
    );
    ok(await chair.delete(`${BASE}/${a.id}?version=${a.version}`));
    expect((await admin.get(second.url)).statusCode).toBe(404);
  });

  it('records follow their organisation when it moves to another district', async () => {
    const town = await buildOrg({ parent: wuzhong, name: '横泾街道工会' });
    const unit = await buildOrg({ parent: town, kind: 'grassrootsUnion', name: '某精密机械公司工会' });
    const studio = await buildStudio({ org: unit });
    ok(
      await admin.post(
        `/api/studios/${studio.id}/achievements`,
        innovation({ benefitFen: 500, benefitBasis: '核算' }),
      ),
    );
    const before = ok<AchievementTotalsView>(
      await admin.get(`${BASE}/totals?by=district&studioId=${studio.id}`),
    );
    expect(before.rows.map((r) => r.key)).toEqual([wuzhong.id]);
    const detail = ok<{ version: number }>(await admin.get(`/api/orgs/${town.id}`));
    ok(await admin.post(`/api/orgs/${town.id}/move`, { parentId: wujiang.id, version: detail.version }));
    const rows = await ctx.database.rows<{ org_path: string }>(
      'select org_path from studio_achievements where studio_id = $1',
      [studio.id],
    );
    const [moved] = await ctx.database.rows<{ path: string }>('select path from orgs where id = $1', [
      unit.id,
    ]);
    expect(moved!.path.startsWith(before.rows[0]!.key ?? '')).toBe(false);
    expect(rows.map((r) => r.org_path)).toEqual([moved!.path]);
    const after = ok<AchievementTotalsView>(
      await admin.get(`${BASE}/totals?by=district&studioId=${studio.id}`),
    );
    expect(after.rows.map((r) => r.key)).toEqual([wujiang.id]);
  });
});

// ---------- the done-when test: totals equal the sum of the records ----------

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

interface Written {
  id: string;
  version: number;
  studio: { id: string; district: string; level: StudioLevel };
  year: number;
  kind: AchievementKind;
  patentKind: PatentKind | null;
  people: number;
  proposals: number;
  benefit: number;
}

function sumOf(records: Written[]): AchievementTotals {
  const kinds = Object.fromEntries(ACHIEVEMENT_KINDS.map((k) => [k, 0])) as AchievementTotals['kinds'];
  const patents = Object.fromEntries(PATENT_KINDS.map((k) => [k, 0])) as AchievementTotals['patents'];
  let benefit = 0;
  for (const r of records) {
    kinds[r.kind]++;
    if (r.patentKind) patents[r.patentKind]++;
    benefit += r.benefit;
  }
  return {
    records: records.length,
    kinds,
    patents,
    peopleTrained: records.reduce((s, r) => s + r.people, 0),
    proposals: records.reduce((s, r) => s + r.proposals, 0),
    benefitFen: benefit,
    benefitYuan: fenToYuan(benefit),
  };
}

describe('totals equal the sum of the records', () => {
  const rnd = seeded(20110428);
  const written: Written[] = [];
  let serial = 0;
  let districtA: OrgDetail;
  let districtB: OrgDetail;
  let city: Client;
  let staffA: Client;
  const studios: Written['studio'][] = [];

  function randomBody(): { body: AchievementBody; facts: Omit<Written, 'id' | 'version' | 'studio'> } {
    const year = rnd.int(2021, 2025);
    const kind = rnd.pick(ACHIEVEMENT_KINDS);
    const benefit = rnd.chance(0.4) ? rnd.int(0, 50_000_000_00) : null;
    const body: AchievementBody = {
      year,
      kind,
      title: `成果${++serial}`,
      achievedOn: rnd.chance(0.5) ? `${year}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}` : null,
      benefitFen: benefit,
      benefitBasis: benefit === null ? null : '按年节约成本核算',
    };
    let patentKind: PatentKind | null = null;
    let people = 0;
    let proposals = 0;
    if (kind === 'patent') {
      patentKind = rnd.pick(PATENT_KINDS);
      Object.assign(body, {
        patentKind,
        patentNumber: patentNumber(year - 1, patentKind, ++serial),
        patentDate: `${year}-05-20`,
      });
    }
    if (kind === 'training') body.peopleTrained = people = rnd.int(1, 60);
    if (kind === 'proposal') body.proposalsCount = proposals = rnd.int(1, 40);
    if (kind === 'award') Object.assign(body, { awardName: '职工技术创新成果奖', awardLevel: 'city' });
    // Fields of other kinds are sent now and then: they must count for nothing.
    if (kind !== 'training' && rnd.chance(0.2)) body.peopleTrained = 7;
    return {
      body,
      facts: { year, kind, patentKind, people, proposals, benefit: benefit ?? 0 },
    };
  }

  beforeAll(async () => {
    // The records of the tests above go, so that every figure of the city is one written here.
    await ctx.database.rows('delete from studio_achievements');
    districtA = await buildOrg({ name: '甲区总工会' });
    districtB = await buildOrg({ name: '乙区总工会' });
    city = await loginAs(
      ctx,
      await buildUser({ role: 'federationStaff', org: root, department: 'association' }),
    );
    staffA = await loginAs(ctx, await buildUser({ role: 'unionStaff', org: districtA }));
    for (const [district, levels] of [
      [districtA, ['city', 'city', 'province']],
      [districtB, ['city', 'province', 'national']],
    ] as const) {
      const town = await buildOrg({ parent: district });
      for (const level of levels) {
        const unit = await buildOrg({ parent: town, kind: 'grassrootsUnion' });
        const s = await buildStudio({ org: level === 'national' ? town : unit, level });
        studios.push({ id: s.id, district: district.id, level });
      }
    }
    for (let i = 0; i < 320; i++) {
      const studio = rnd.pick(studios);
      const { body, facts } = randomBody();
      const saved = ok<AchievementView>(await admin.post(`/api/studios/${studio.id}/achievements`, body));
      written.push({ id: saved.id, version: saved.version, studio, ...facts });
    }
  }, 240_000);

  /** Every `by` and each filter, read by the city, compared with the sums of what was written. */
  async function compareAll(): Promise<number> {
    const mine = written;
    const keyOf: Record<TotalsBy, (w: Written) => string> = {
      district: (w) => w.studio.district,
      level: (w) => w.studio.level,
      year: (w) => String(w.year),
      studio: (w) => w.studio.id,
    };
    let compared = 0;
    const filters: [string, (w: Written) => boolean][] = [
      ['', () => true],
      ['&year=2023', (w) => w.year === 2023],
      ['&level=province', (w) => w.studio.level === 'province'],
      [`&orgId=${districtB.id}`, (w) => w.studio.district === districtB.id],
      [`&studioId=${studios[0]!.id}`, (w) => w.studio.id === studios[0]!.id],
      [
        `&year=2025&level=city&orgId=${districtA.id}`,
        (w) => w.year === 2025 && w.studio.level === 'city' && w.studio.district === districtA.id,
      ],
    ];
    for (const by of ['district', 'level', 'year', 'studio'] as const) {
      for (const [query, keep] of filters) {
        const res = await city.get(`${BASE}/totals?by=${by}${query}`);
        expect(res.statusCode, `${by}${query}`).toBe(200);
        const view = ok<AchievementTotalsView>(res);
        const expected = new Map<string, Written[]>();
        for (const w of mine.filter(keep))
          expected.set(keyOf[by](w), [...(expected.get(keyOf[by](w)) ?? []), w]);
        const ourRows = view.rows;
        for (const [key, records] of expected) {
          const row = ourRows.find((r) => r.key === key);
          expect(row, `${by}${query} ${key}`).toBeDefined();
          expect(row!.totals, `${by}${query} ${key}`).toEqual(sumOf(records));
          expect(row!.studios).toBe(new Set(records.map((r) => r.studio.id)).size);
          compared++;
        }
        // A row without records here has nothing in it (a studio listed with zero).
        for (const row of ourRows.filter((r) => !expected.has(r.key!))) expect(row.totals.records).toBe(0);
        // The whole equals the sum of the rows.
        const whole = sumOf([]);
        expect(view.total.records).toBe(view.rows.reduce((s, r) => s + r.totals.records, 0));
        expect(view.total.benefitFen).toBe(view.rows.reduce((s, r) => s + r.totals.benefitFen, 0));
        expect(whole.records).toBe(0);
      }
    }
    // A district reads its own records only, the same figures.
    const own = ok<AchievementTotalsView>(await staffA.get(`${BASE}/totals?by=year`));
    expect(own.total).toEqual(sumOf(mine.filter((w) => w.studio.district === districtA.id)));
    return compared;
  }

  it('per studio, district, level and year, with every filter', async () => {
    expect(written.length).toBe(320);
    expect(await compareAll()).toBeGreaterThan(40);
  }, 120_000);

  it('still after random edits and deletes', async () => {
    for (let i = 0; i < 40; i++) {
      const w = rnd.pick(written);
      const { body, facts } = randomBody();
      const saved = ok<AchievementView>(await admin.put(`${BASE}/${w.id}`, { ...body, version: w.version }));
      Object.assign(w, facts, { version: saved.version });
    }
    for (let i = 0; i < 40; i++) {
      const w = written.splice(rnd.int(0, written.length - 1), 1)[0]!;
      ok(await admin.delete(`${BASE}/${w.id}?version=${w.version}`));
    }
    expect(await compareAll()).toBeGreaterThan(40);
  }, 120_000);

  it('the export says what the totals say', async () => {
    const view = ok<AchievementTotalsView>(await city.get(`${BASE}/totals?by=level&orgId=${districtB.id}`));
    const res = await city.get(`${BASE}/totals/export.xlsx?by=level&orgId=${districtB.id}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    const records = header.indexOf('成果合计（项）') + 1;
    const money = header.indexOf('经济效益（元）') + 1;
    view.rows.forEach((r, i) => {
      expect(sheet.getRow(3 + i).getCell(1).value).toBe(r.name);
      expect(sheet.getRow(3 + i).getCell(records).value).toBe(r.totals.records);
      expect(sheet.getRow(3 + i).getCell(money).value).toBe(Number(r.totals.benefitYuan));
    });
    const last = sheet.getRow(3 + view.rows.length);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(records).value).toBe(view.total.records);
  });
});
