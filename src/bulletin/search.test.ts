// Full-text search: archived items found by a word inside longer words, submissions by state and
// scope (drafts only for their unit, another district sees nothing), highlights, filters,
// ranking, hostile queries, and the reindex that rebuilds the same documents.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
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
import { db } from '../platform/db/client';
import type { ColumnList, IssueImportResult, SearchHit, SearchPage, SubmissionDetail } from './contract';
import { RANK_CAP, WALK, reindexAll, upsertDocs } from './search';
import { newId } from '../platform/ids';
import { orgPathOf } from '../orgs/service';

const ctx = setupTestApp();

const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE_FILE = path.join(here, 'legacy/fixtures/legacy-bulletin-2012-08.txt');
const SAMPLE = readFileSync(SAMPLE_FILE);
const bin = path.resolve(here, '../../bin/gonghui.js');

let wuzhong: OrgDetail;
let town: OrgDetail;
let wujiang: OrgDetail;
let kunshan: OrgDetail;
let editor: Client;
let officer: Client;
let townOfficer: Client;
let wujiangOfficer: Client;
let wujiangEditor: Client;
let cadre: Client;
let column: Record<string, string>;
let issue: IssueImportResult;

type ErrorJson = { error: { code: string; message: string; details?: { field: string }[] } };
const errorOf = (res: { json: () => unknown }) => (res.json() as ErrorJson).error;

beforeAll(async () => {
  const root = await rootFederation();
  wuzhong = await buildOrg({ name: '吴中区总工会' });
  town = await buildOrg({ parent: wuzhong, name: '长桥街道工会' });
  wujiang = await buildOrg({ name: '吴江区总工会' });
  // Named as the archive prints it, so that the archived item credits this unit.
  kunshan = await buildOrg({ name: '昆山市总工会' });
  editor = await loginAs(ctx, await buildUser({ role: 'federationStaff', department: 'office', org: root }));
  officer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wuzhong }));
  townOfficer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: town }));
  wujiangOfficer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wujiang }));
  // A district's administrator holds bulletin:edit over the district.
  wujiangEditor = await loginAs(ctx, await buildUser({ role: 'admin', org: wujiang }));
  cadre = await loginAs(ctx, await buildUser({ role: 'serviceCadre', org: wuzhong }));
  column = Object.fromEntries(
    json<ColumnList>(await officer.get('/api/bulletin/columns')).items.map((c) => [c.name, c.id]),
  );
  const res = await editor.upload(
    '/api/bulletin/issues/import?number=8',
    'legacy-bulletin-2012-08.txt',
    SAMPLE,
  );
  expect(res.statusCode, res.body).toBe(200);
  issue = json<IssueImportResult>(res);
});

async function search(client: Client, params: Record<string, string | number>): Promise<SearchPage> {
  const res = await client.get(
    `/api/bulletin/search?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return json<SearchPage>(res);
}

async function draft(
  client: Client,
  title: string,
  body: string,
  extra: object = {},
): Promise<SubmissionDetail> {
  const res = await client.post('/api/bulletin/submissions', {
    title,
    body,
    suggestedColumnId: column['工作动态'],
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
  return json<SubmissionDetail>(res);
}

async function submit(client: Client, d: SubmissionDetail): Promise<SubmissionDetail> {
  const res = await client.post(`/api/bulletin/submissions/${d.id}/submit`, { version: d.version });
  expect(res.statusCode, res.body).toBe(200);
  return json<SubmissionDetail>(res);
}

const marked = (text: string, ranges: [number, number][]) => ranges.map(([s, e]) => text.slice(s, e));

describe('archived items', () => {
  it('are found by a two-character word the segmenter glued into a longer one', async () => {
    const segments = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment('坚守岗位')].map(
      (s) => s.segment,
    );
    expect(segments).toEqual(['坚守岗位']);
    const page = await search(officer, { q: '岗位' });
    expect(page.total).toBe(1);
    const [hit] = page.items as [SearchHit];
    expect(hit).toMatchObject({
      source: 'issue_item',
      title: '张家港市总工会开展夏季送清凉活动',
      year: 2012,
      column: '工作简讯',
      state: 'archived',
      units: ['张家港市总工会'],
      issueId: issue.id,
      issueYear: 2012,
      issueNumber: 8,
      submissionId: null,
    });
    expect(marked(hit.snippet, hit.snippetHighlights)).toEqual(['岗位']);
  });

  it('a word inside the unit names (工会 in 市总工会) finds every item that has it', async () => {
    const page = await search(editor, { q: '工会', source: 'issue_item', pageSize: 50 });
    // All items but 相城区召开劳模创新工作室建设现场会 (工会 only in its sources).
    expect(page.total).toBe(issue.items - 1);
    expect(page.items.map((h) => h.title)).not.toContain('相城区召开劳模创新工作室建设现场会');
    for (const hit of page.items)
      expect(marked(hit.title, hit.titleHighlights).every((m) => m === '工会')).toBe(true);
  });

  it('any reader of the series finds them: another district’s officer too', async () => {
    expect((await search(wujiangOfficer, { q: '安康杯' })).total).toBe(1);
  });

  it('filter by year, column and the unit named in the sources', async () => {
    expect((await search(editor, { q: '工会', year: 2012 })).total).toBe(issue.items - 1);
    expect((await search(editor, { q: '工会', year: 2013 })).total).toBe(0);
    const briefs = await search(editor, { q: '工会', column: '工作简讯' });
    // 相城区…现场会 names 工会 only in its sources.
    expect(briefs.total).toBe(2);
    expect(briefs.items.every((h) => h.column === '工作简讯')).toBe(true);
    const kunshanItems = await search(editor, { q: '竞赛', unit: kunshan.id });
    expect(kunshanItems.items.map((h) => h.title)).toEqual(['昆山市开展“安康杯”安全知识竞赛']);
    expect((await search(editor, { q: '清凉', unit: kunshan.id })).total).toBe(0);
  });
});

describe('submissions', () => {
  let a: SubmissionDetail;

  it('a draft is found by its own unit only, then by editors once submitted', async () => {
    a = await draft(
      officer,
      '长桥街道开展一线职工们的技能比武',
      '　　近日，长桥街道工会组织辖区企业开展技能比武活动。',
    );
    const own = await search(officer, { q: '职工' });
    expect(own.items.map((h) => h.id)).toContain(a.id);
    const hit = own.items.find((h) => h.id === a.id)!;
    expect(hit).toMatchObject({
      source: 'submission',
      state: 'draft',
      submissionId: a.id,
      units: ['吴中区总工会'],
    });
    expect(marked(hit.title, hit.titleHighlights)).toEqual(['职工']);
    expect(hit.title.slice(...hit.titleHighlights[0]!)).toBe('职工');

    for (const other of [townOfficer, editor, wujiangOfficer, wujiangEditor])
      expect((await search(other, { q: '技能比武' })).total).toBe(0);

    a = await submit(officer, a);
    expect((await search(editor, { q: '技能比武', state: 'submitted' })).items.map((h) => h.id)).toEqual([
      a.id,
    ]);
    expect((await search(editor, { q: '技能比武', state: 'draft' })).total).toBe(0);
    expect((await search(officer, { q: '技能比武', source: 'submission' })).items[0]?.state).toBe(
      'submitted',
    );
    // Another district sees nothing of it, officer or editor; a unit below neither.
    for (const other of [wujiangOfficer, wujiangEditor, townOfficer])
      expect((await search(other, { q: '技能比武' })).total).toBe(0);
  });

  it('a co-submitting unit finds the item; filter by unit', async () => {
    const co = await draft(townOfficer, '长桥街道工会建立职工书屋', '　　职工书屋藏书三千册。', {
      coOrgIds: [wuzhong.id],
    });
    // The archived issue mentions 职工书屋 too.
    expect((await search(officer, { q: '书屋', source: 'submission' })).items.map((h) => h.id)).toEqual([
      co.id,
    ]);
    const hit = (await search(townOfficer, { q: '书屋', source: 'submission' })).items[0]!;
    expect(hit.units).toEqual(['长桥街道工会', '吴中区总工会']);
    await submit(townOfficer, co);
    const byUnit = async (unit: string) => (await search(editor, { q: '书屋', unit })).items.map((h) => h.id);
    expect(await byUnit(town.id)).toEqual([co.id]);
    expect(await byUnit(wuzhong.id)).toEqual([co.id]);
    expect(await byUnit(wujiang.id)).toEqual([]);
  });

  it('an editor finds an item of another district co-submitted by the own district', async () => {
    const d = await submit(
      officer,
      await draft(officer, '吴中吴江联合举办纺织职工技能竞赛', '　　两地工会联合举办纺织行业职工技能竞赛。', {
        coOrgIds: [wujiang.id],
      }),
    );
    expect((await search(wujiangEditor, { q: '纺织' })).items.map((h) => h.id)).toEqual([d.id]);
    // The co-submitting district's officer finds it too; a unit below it did not co-submit.
    expect((await search(wujiangOfficer, { q: '纺织' })).items.map((h) => h.id)).toEqual([d.id]);
    expect((await search(wujiangEditor, { q: '纺织', unit: wujiang.id })).total).toBe(1);
  });

  it('an item adopted with edits is found by the edited text', async () => {
    const d = await submit(
      officer,
      await draft(officer, '吴中区开展送清凉', '　　吴中区总工会为户外劳动者送去清凉。'),
    );
    const res = await editor.post(`/api/bulletin/submissions/${d.id}/adopt`, {
      version: d.version,
      adoptionKind: 'brief',
      editedTitle: '吴中区总工会慰问高温一线环卫工人',
    });
    expect(res.statusCode, res.body).toBe(200);
    const found = await search(editor, { q: '环卫工人', state: 'adopted' });
    expect(found.items.map((h) => h.id)).toEqual([d.id]);
    expect(found.items[0]!.column).toBe('工作动态');
  });

  it('a title match ranks above a body-only match', async () => {
    const bodyOnly = await draft(
      officer,
      '吴中区召开工会干部培训会',
      '　　会上，劳模工匠代表作了发言，大家深受鼓舞。',
    );
    const inTitle = await draft(officer, '吴中区评选劳模工匠', '　　近日，吴中区总工会评选出十名先进个人。');
    const page = await search(officer, { q: '劳模工匠' });
    expect(page.items.map((h) => h.id)).toEqual([inTitle.id, bodyOnly.id]);
    const body = page.items[1]!;
    expect(marked(body.snippet, body.snippetHighlights)).toEqual(['劳模工匠']);
    expect(marked(page.items[0]!.title, page.items[0]!.titleHighlights)).toEqual(['劳模工匠']);
  });

  it('pages: total, ranked and the second page', async () => {
    const all = await search(editor, { q: '工会' });
    const first = await search(editor, { q: '工会', pageSize: 2 });
    const second = await search(editor, { q: '工会', pageSize: 2, page: 2 });
    expect(first.total).toBe(all.total);
    expect(first.ranked).toBe(all.total);
    expect([...first.items, ...second.items].map((h) => h.id)).toEqual(
      all.items.slice(0, 4).map((h) => h.id),
    );
    const beyond = await search(editor, { q: '工会', pageSize: 50, page: 100 });
    expect(beyond).toMatchObject({ total: all.total, items: [] });
  });

  it('a state filter keeps to the kind of document that has the state', async () => {
    const archived = await search(editor, { q: '工会', state: 'archived', pageSize: 50 });
    expect(archived.total).toBe(issue.items - 1);
    expect(archived.items.every((h) => h.source === 'issue_item')).toBe(true);
    expect(await search(editor, { q: '工会', state: 'archived', source: 'submission' })).toEqual({
      total: 0,
      ranked: 0,
      capped: false,
      items: [],
    });
    // Drafts: the own unit's only, never an issue's item nor, for an editor, another unit's.
    const drafts = await search(officer, { q: '劳模工匠', state: 'draft' });
    expect(drafts.total).toBe(2);
    expect(drafts.items.every((h) => h.source === 'submission' && h.state === 'draft')).toBe(true);
    expect((await search(editor, { q: '劳模工匠', state: 'draft' })).total).toBe(0);
    expect((await search(editor, { q: '工会', state: 'submitted', source: 'issue_item' })).total).toBe(0);
  });
});

describe('the endpoint', () => {
  it('401 without a session, 403 without a bulletin permission', async () => {
    expect((await clientFor(ctx).get('/api/bulletin/search?q=工会')).statusCode).toBe(401);
    expect((await cadre.get('/api/bulletin/search?q=工会')).statusCode).toBe(403);
  });

  it('400 naming q when it is missing, empty, too long or holds nothing searchable', async () => {
    for (const q of [
      '',
      '?q=',
      '?q=%20%20',
      `?q=${'工'.repeat(101)}`,
      `?q=${encodeURIComponent("&|!():*'\\")}`,
    ]) {
      const res = await officer.get(`/api/bulletin/search${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(errorOf(res).details?.[0]?.field, q).toBe('q');
      expect(errorOf(res).message).toMatch(/[\u4e00-\u9fff]/);
    }
    const res = await officer.get('/api/bulletin/search?q=工会&state=nonsense');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.[0]?.field).toBe('state');
    expect((await officer.get('/api/bulletin/search?q=工会&unit=not-a-uuid')).statusCode).toBe(400);
  });

  it('hostile queries give 200 or 400, never 500', async () => {
    const hostile = [
      "&|!():*'\\",
      "工会'",
      "工会') or 1=1 --",
      '工会 & | ! <-> :* ( )',
      '!!工会',
      "'''",
      '\\\\\\',
      '工会:*A',
      '职工<2>书屋',
      '<->',
      '%_%',
      '\u0000工会',
      '𠮷野家 工会',
      'ÀÉÎ ǅ',
      'a'.repeat(100),
      '1 2 3 4 5 6 7 8 9 0',
      '工',
      '。，、',
    ];
    for (const q of hostile) {
      const res = await officer.get(`/api/bulletin/search?q=${encodeURIComponent(q)}`);
      expect([200, 400], `${q}: ${res.body}`).toContain(res.statusCode);
    }
  });

  it('a one-character query finds every item with that character', async () => {
    const page = await search(editor, { q: '屋', pageSize: 50 });
    expect(page.items.some((h) => h.title === '长桥街道工会建立职工书屋')).toBe(true);
  });

  it('a word in more items than are ranked: the newest are ranked and the answer says capped', async () => {
    const root = await rootFederation();
    const rootPath = (await orgPathOf(db.orm, root.id))!;
    const ids = Array.from({ length: RANK_CAP + 10 }, () => newId());
    // The items themselves, in an issue of their own (the search reads the texts from them).
    const [own] = await db.rows<{ id: string }>(
      `insert into bulletin_issues (id, series_id, year, number, state, distribution, org_path)
       select $1, series_id, 2015, 99, 'archived', distribution, org_path from bulletin_issues where id = $2
       returning id::text`,
      [newId(), issue.id],
    );
    for (const [i, id] of ids.entries())
      await db.rows(
        `insert into bulletin_issue_items (id, issue_id, column_name, column_position, position, title, body, kind)
         values ($1, $2, '工作简讯', 0, $3, $4, $5, 'brief')`,
        [id, own!.id, i, `第${i}条测试信息`, '　　全市开展非物质文化遗产保护宣传。'],
      );
    await db.transaction((tx) =>
      upsertDocs(
        tx,
        ids.map((id, i) => ({
          source: 'issue_item',
          sourceId: id,
          orgPath: rootPath,
          year: 2015,
          columnName: '工作简讯',
          state: 'archived',
          title: `第${i}条测试信息`,
          body: '　　全市开展非物质文化遗产保护宣传。',
          at: new Date(Date.UTC(2015, 0, 1) + i * 3600_000),
        })),
      ),
    );
    const page = await search(editor, { q: '非物质文化遗产', pageSize: 50 });
    expect(page).toMatchObject({ total: RANK_CAP, ranked: RANK_CAP, capped: true });
    // Equal ranks: the newest first, and the oldest ten were not taken.
    expect(page.items[0]!.id).toBe(ids[ids.length - 1]);
    const last = await search(editor, { q: '非物质文化遗产', pageSize: 50, page: RANK_CAP / 50 });
    expect(last.items.at(-1)!.id).toBe(ids[10]);
    expect(
      (await search(editor, { q: '非物质文化遗产', pageSize: 50, page: RANK_CAP / 50 + 1 })).items,
    ).toEqual([]);
    // Gone again, items and documents, for the tests below.
    await db.rows(`delete from bulletin_search_docs where source_id = any($1::uuid[])`, [ids]);
    await db.rows(`delete from bulletin_issues where id = $1`, [own!.id]);
  });

  it('a branch whose newest documents hold few matches: the walk gives way to the GIN index', async () => {
    const root = await rootFederation();
    const rootPath = (await orgPathOf(db.orm, root.id))!;
    // WALK + 100 items of one issue, oldest first; the walk tests the newest WALK of them.
    const ids = Array.from({ length: WALK + 100 }, () => newId());
    const last = ids.length - WALK; // the last document the walk tests
    // Matches: 40 older than the walk, the walk's last document and the 30 newest.
    const hit = (i: number) => i < 40 || i === last || i >= ids.length - 30;
    const title = (i: number) => `第${i}条测试简讯`;
    const body = (i: number) => (hit(i) ? '　　全市推广量子通信应用。' : '　　全市推广新能源应用。');
    const [own] = await db.rows<{ id: string }>(
      `insert into bulletin_issues (id, series_id, year, number, state, distribution, org_path)
       select $1, series_id, 2016, 99, 'archived', distribution, org_path from bulletin_issues where id = $2
       returning id::text`,
      [newId(), issue.id],
    );
    await db.rows(
      `insert into bulletin_issue_items (id, issue_id, column_name, column_position, position, title, body, kind)
       select x.id, $2, '工作简讯', 0, x.n, x.title, x.body, 'brief'
       from unnest($1::uuid[], $3::text[], $4::text[]) with ordinality as x(id, title, body, n)`,
      [ids, own!.id, ids.map((_, i) => title(i)), ids.map((_, i) => body(i))],
    );
    await db.transaction((tx) =>
      upsertDocs(
        tx,
        ids.map((id, i) => ({
          source: 'issue_item',
          sourceId: id,
          orgPath: rootPath,
          year: 2016,
          columnName: '工作简讯',
          state: 'archived',
          title: title(i),
          body: body(i),
          at: new Date(Date.UTC(2016, 0, 1) + i * 60_000),
        })),
      ),
    );
    try {
      const found = [
        ...(await search(editor, { q: '量子通信', pageSize: 50 })).items,
        ...(await search(editor, { q: '量子通信', pageSize: 50, page: 2 })).items,
      ];
      const expected = ids.filter((_, i) => hit(i));
      expect(found.map((h) => h.id).sort()).toEqual([...expected].sort());
      expect(await search(editor, { q: '量子通信' })).toMatchObject({
        total: expected.length,
        capped: false,
      });
      // Newest first among equal ranks, the oldest last.
      expect(found[0]!.id).toBe(ids.at(-1));
      expect(found.at(-1)!.id).toBe(ids[0]);
    } finally {
      await db.rows(`delete from bulletin_search_docs where source_id = any($1::uuid[])`, [ids]);
      await db.rows(`delete from bulletin_issues where id = $1`, [own!.id]);
    }
  });

  it('signatures only spare reading tokens: each is its tokens’, and without them the answers are the same', async () => {
    const [differing] = await db.rows<{ n: number }>(
      `select count(*)::int as n from bulletin_search_docs d
         join bulletin_search_tokens t on t.source = d.source and t.source_id = d.source_id
       where d.signature <> bulletin_search_signature(t.tokens)`,
    );
    expect(differing!.n).toBe(0);
    // Letters and digits beside Han words (５Ｇ is read as 5g).
    await draft(officer, '吴中区推广LED照明和５Ｇ基站', '　　全区新建５Ｇ基站560座，更换LED路灯。');
    const asked = async () =>
      Promise.all([
        search(officer, { q: '5G 基站', pageSize: 100 }),
        search(officer, { q: 'led 560', pageSize: 100 }),
        search(editor, { q: '工会', pageSize: 100 }),
        search(editor, { q: '职工书屋', pageSize: 100 }),
        search(editor, { q: '屋', pageSize: 100 }),
        search(officer, { q: '技能 吴中', pageSize: 100 }),
        search(wujiangEditor, { q: '纺织职工', pageSize: 100 }),
        search(townOfficer, { q: '长桥街道', pageSize: 100 }),
      ]);
    const withSignatures = await asked();
    expect(withSignatures.map((p) => p.total).every((n) => n > 0)).toBe(true);
    // All ones, the column's default: every document is tested against its tokens.
    await db.rows(`update bulletin_search_docs set signature = default`);
    try {
      expect(await asked()).toEqual(withSignatures);
    } finally {
      await db.rows(
        `update bulletin_search_docs d set signature = bulletin_search_signature(t.tokens)
         from bulletin_search_tokens t where t.source = d.source and t.source_id = d.source_id`,
      );
    }
  });

  it('reindex rebuilds the same documents', async () => {
    const before = await search(editor, { q: '工会', pageSize: 100 });
    expect(before.capped).toBe(false);
    const counts = await db.transaction((tx) => reindexAll(tx));
    expect(counts.issueItems).toBe(issue.items);
    expect(counts.submissions).toBeGreaterThanOrEqual(5);
    expect(await search(editor, { q: '工会', pageSize: 100 })).toEqual(before);
  });
});

/** Runs the command line in a child process against its own data folder. */
async function runCli(dataDir: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, GONGHUI_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('npx gonghui bulletin reindex', () => {
  it('rebuilds the documents and prints the counts', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gonghui-search-'));
    try {
      const dataDir = path.join(dir, 'data');
      const made = await runCli(dataDir, [
        'create-user',
        '--username',
        'admin',
        '--role',
        'admin',
        '--password',
        'Test@2011pass',
      ]);
      expect(made.code, made.stderr).toBe(0);
      const imported = await runCli(dataDir, [
        'bulletin',
        'import',
        SAMPLE_FILE,
        '--year',
        '2012',
        '--number',
        '8',
      ]);
      expect(imported.code, imported.stderr).toBe(0);
      const rebuilt = await runCli(dataDir, ['bulletin', 'reindex']);
      expect(rebuilt.code, rebuilt.stderr).toBe(0);
      expect(rebuilt.stdout).toContain('已重建全文索引：稿件 0 篇，简报信息 6 条（1 期）');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
