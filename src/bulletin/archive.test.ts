// Archived issues from legacy bulletin files: upload and service import, the issue as the API
// returns it, duplicates, unreadable files, a missing year, permissions and reading scope, and
// the `bulletin import` command.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PASSWORD,
  buildOrg,
  buildUser,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  system,
  type Client,
} from '../../tests/test-app';
import type { OrgDetail } from '../orgs/contract';
import { loadActor } from '../orgs/users-service';
import type { Actor } from '../platform/access';
import { importLegacyBulletin } from './archive';
import { ARCHIVE_LIMITS, type IssueImportResult, type IssuePage, type IssueView } from './contract';
import { makeDocx } from './legacy/fixtures/make-docx';
import { FLAGS } from './legacy/parse';

const ctx = setupTestApp();

const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE_FILE = path.join(here, 'legacy/fixtures/legacy-bulletin-2012-08.txt');
const SAMPLE = readFileSync(SAMPLE_FILE);
const bin = path.resolve(here, '../../bin/gonghui.js');

let root: OrgDetail;
let wuzhong: OrgDetail;
let wujiang: OrgDetail;
let editor: Client;
let editorActor: Actor;
let wuzhongOfficer: Client;
let wujiangOfficer: Client;
let cadre: Client;
let wuzhongAdmin: Client;
let dir = '';

type ErrorJson = { error: { code: string; message: string; details?: { field: string }[] } };
const errorOf = (res: { json: () => unknown }) => (res.json() as ErrorJson).error;

beforeAll(async () => {
  root = await rootFederation();
  wuzhong = await buildOrg({ name: '吴中区总工会' });
  wujiang = await buildOrg({ name: '吴江市总工会' });
  const editorUser = await buildUser({ role: 'federationStaff', department: 'office', org: root });
  editor = await loginAs(ctx, editorUser);
  editorActor = (await loadActor(editorUser.id))!;
  wuzhongOfficer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wuzhong }));
  wujiangOfficer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wujiang }));
  cadre = await loginAs(ctx, await buildUser({ role: 'serviceCadre', org: wuzhong }));
  wuzhongAdmin = await loginAs(ctx, await buildUser({ role: 'admin', org: wuzhong }));
  dir = await mkdtemp(path.join(tmpdir(), 'gonghui-archive-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function upload(client: Client, fileName: string, content: Buffer | string, query = '') {
  return client.upload(`/api/bulletin/issues/import${query}`, fileName, content);
}

async function counts(): Promise<{ issues: number; items: number; audits: number }> {
  const [row] = await ctx.database.rows<{ issues: number; items: number; audits: number }>(
    `select (select count(*)::int from bulletin_issues) as issues,
            (select count(*)::int from bulletin_issue_items) as items,
            (select count(*)::int from audit_log where action = 'bulletin.importArchive') as audits`,
  );
  return row!;
}

async function issueOf(client: Client, id: string): Promise<IssueView> {
  const res = await client.get(`/api/bulletin/issues/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<IssueView>(res);
}

/** The sample's structure as every import of it must return it. */
function expectSampleStructure(issue: IssueView) {
  expect(issue.columns.map((c) => c.name)).toEqual(['工作动态', '工作简讯']);
  const [news, briefs] = issue.columns;
  expect(news!.items.map((i) => [i.title, i.sources, i.kind, i.flagged])).toEqual([
    ['市总工会召开三季度工作推进会', ['市总办公室'], 'full', null],
    ['', ['市总组织部', '市总宣教部'], 'full', FLAGS.untitled],
    ['昆山市开展“安康杯”安全知识竞赛', ['昆山市总工会'], 'full', null],
  ]);
  expect(news!.items[0]!.body).toMatch(/^8月3日，市总工会召开三季度工作推进会.*规范换届选举。$/);
  expect(news!.items[1]!.body).toMatch(/^近日，市总工会组织召开非公企业工会主席座谈会.*活动阵地建设。$/);
  expect(news!.items[2]!.body).toMatch(/^日前，昆山市总工会.*受教育职工达2\.3万人次。$/);
  expect(briefs!.items.map((i) => [i.title, i.sources, i.kind, i.flagged])).toEqual([
    ['张家港市总工会开展夏季送清凉活动', ['张家港市总工会'], 'brief', null],
    ['相城区召开劳模创新工作室建设现场会', ['相城区总工会', '市总生产部'], 'brief', null],
    ['市邮政局工会举办职工书画摄影展', ['市邮政局工会'], 'brief', null],
  ]);
  expect(briefs!.items[2]!.body).toBe('展览共展出职工作品120余件。');
  expect(issue.distribution).toEqual({
    issuedTo: null,
    report: '省总工会办公室，市委办公室、市政府办公室',
    send: '市人大常委会办公室、市政协办公室',
    issue: '各市（县）、区总工会，市各产业（系统）工会，各直属单位工会',
  });
  expect(issue.printCount).toBeNull();
}

let sampleId = '';

describe('importing the 2012-08 sample', () => {
  it('an editor uploads the text file: every column, item, title and source is in place', async () => {
    const before = await counts();
    const res = await upload(editor, 'legacy-bulletin-2012-08.txt', SAMPLE, '?number=8');
    expect(res.statusCode, res.body).toBe(200);
    const result = json<IssueImportResult>(res);
    expect(result.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result).toEqual({
      id: result.id,
      columns: 2,
      items: 6,
      flagged: 1,
      warnings: [
        '报头中没有年份，已按文件名取为 2012 年，请编辑核对',
        '共有 1 条信息需要编辑核对（见各条的标注）',
      ],
    });
    sampleId = result.id;
    expect(await counts()).toEqual({
      issues: before.issues + 1,
      items: before.items + 6,
      audits: before.audits + 1,
    });

    const issue = await issueOf(editor, sampleId);
    expect(issue).toMatchObject({
      id: sampleId,
      series: '工作动态',
      year: 2012,
      number: 8,
      totalNumber: null,
      supplement: false,
      date: null,
      state: 'archived',
    });
    expect(Object.keys(issue).sort()).toEqual(
      [
        'id',
        'series',
        'year',
        'number',
        'totalNumber',
        'supplement',
        'date',
        'state',
        'columns',
        'distribution',
        'printCount',
        'warnings',
        'editingUnit',
      ].sort(),
    );
    expectSampleStructure(issue);
  });

  it('the series is created once, edited by the editor’s unit', async () => {
    const rows = await ctx.database.rows<{ name: string; org_id: string; distribution: string }>(
      'select name, org_id, distribution from bulletin_series',
    );
    expect(rows).toEqual([
      {
        name: '工作动态',
        org_id: root.id,
        distribution:
          '报：省总工会办公室，市委办公室、市政府办公室\n送：市人大常委会办公室、市政协办公室\n发：各市（县）、区总工会，市各产业（系统）工会，各直属单位工会',
      },
    ]);
  });

  it('a .docx of the sample imported through the service gives the same structure', async () => {
    const docx = path.join(dir, 'legacy-bulletin-2012-09.docx');
    await writeFile(docx, makeDocx(SAMPLE.toString('utf8').split('\n')));
    const result = await importLegacyBulletin(editorActor, {
      filePath: docx,
      originalName: 'legacy-bulletin-2012-09.docx',
      number: 9,
    });
    expect(result).toMatchObject({ columns: 2, items: 6, flagged: 1 });
    const issue = await issueOf(editor, result.id);
    expect(issue).toMatchObject({ series: '工作动态', year: 2012, number: 9 });
    expectSampleStructure(issue);
    const fromText = await issueOf(editor, sampleId);
    expect(issue.columns).toEqual(fromText.columns);
  });

  it('the same issue twice is refused with 409 and nothing is added', async () => {
    const before = await counts();
    const res = await upload(editor, 'legacy-bulletin-2012-08.txt', SAMPLE, '?number=8');
    expect(res.statusCode, res.body).toBe(409);
    expect(errorOf(res).message).toContain('2012 年第 8 期已经导入过');
    await expect(
      importLegacyBulletin(editorActor, {
        filePath: SAMPLE_FILE,
        originalName: 'legacy-bulletin-2012-08.txt',
        year: 2012,
        number: 8,
      }),
    ).rejects.toMatchObject({ status: 409 });
    // Without a number, the same file name in the same year is the same issue.
    const first = await upload(editor, 'legacy-bulletin-2012-xx.txt', SAMPLE);
    expect(first.statusCode, first.body).toBe(200);
    const again = await upload(editor, 'legacy-bulletin-2012-xx.txt', SAMPLE);
    expect(again.statusCode, again.body).toBe(409);
    expect(await counts()).toEqual({
      issues: before.issues + 1,
      items: before.items + 6,
      audits: before.audits + 1,
    });
  });

  it('lists issues newest first, filtered by series and year', async () => {
    const res = await editor.get('/api/bulletin/issues?year=2012&series=工作动态');
    expect(res.statusCode, res.body).toBe(200);
    const page = json<IssuePage>(res);
    expect(page.total).toBe(3);
    expect(page.items.map((i) => i.number)).toEqual([9, 8, null]);
    expect(page.items[1]).toMatchObject({
      id: sampleId,
      series: '工作动态',
      year: 2012,
      state: 'archived',
      items: 6,
      flagged: 1,
      sourceFile: 'legacy-bulletin-2012-08.txt',
    });
    const none = json<IssuePage>(await editor.get('/api/bulletin/issues?year=2013'));
    expect(none).toEqual({ items: [], total: 0 });
  });
});

describe('files that cannot be imported', () => {
  it('a .docx that is not a Word document is a 400 with a Chinese message, nothing written', async () => {
    const before = await counts();
    const truncated = await upload(
      editor,
      '2012-10.docx',
      makeDocx(['【工作动态】', '标题']).subarray(0, 200),
    );
    expect(truncated.statusCode, truncated.body).toBe(400);
    expect(errorOf(truncated).code).toBe('CORRUPT_FILE');
    const binary = await upload(editor, '2012-11.docx', Buffer.from([1, 2, 0, 0, 9, 8, 0, 7, 0, 0, 3]));
    expect(binary.statusCode, binary.body).toBe(400);
    expect(errorOf(binary).message).toMatch(/无法读取/);
    const oldWord = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(100),
    ]);
    const doc = await upload(editor, '2012-12.docx', oldWord);
    expect(doc.statusCode, doc.body).toBe(400);
    expect(errorOf(doc).code).toBe('LEGACY_DOC');
    expect(await counts()).toEqual(before);
  });

  it('without a year in the masthead, the file name or the options: 400 naming year', async () => {
    const before = await counts();
    const res = await upload(editor, '工作动态第八期.txt', SAMPLE, '?number=8');
    expect(res.statusCode, res.body).toBe(400);
    const error = errorOf(res);
    expect(error.details?.map((d) => d.field)).toEqual(['year']);
    expect(error.message).toContain('年份');
    expect(await counts()).toEqual(before);
    // The year given as an option settles it.
    const ok = await upload(editor, '工作动态第八期.txt', SAMPLE, '?number=8&year=2011');
    expect(ok.statusCode, ok.body).toBe(200);
    const issue = await issueOf(editor, json<IssueImportResult>(ok).id);
    expect([issue.year, issue.number]).toEqual([2011, 8]);
    expect(issue.warnings).toEqual(['共有 1 条信息需要编辑核对（见各条的标注）']);
  });

  it('a year option that is not a number is a 400 naming year', async () => {
    const res = await upload(editor, 'a.txt', SAMPLE, '?year=abc');
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).details?.map((d) => d.field)).toEqual(['year']);
  });
});

describe('who imports and who reads', () => {
  it('a district officer without bulletin:edit may not import (403)', async () => {
    const before = await counts();
    const res = await upload(wuzhongOfficer, 'legacy-bulletin-2012-08.txt', SAMPLE, '?number=20');
    expect(res.statusCode, res.body).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('every officer in the city reads the city’s archived issues; a user without a bulletin permission gets 403', async () => {
    expectSampleStructure(await issueOf(wuzhongOfficer, sampleId));
    expectSampleStructure(await issueOf(wujiangOfficer, sampleId));
    const listed = json<IssuePage>(await wujiangOfficer.get('/api/bulletin/issues?year=2012'));
    expect(listed.items.map((i) => i.id)).toContain(sampleId);
    expect((await cadre.get(`/api/bulletin/issues/${sampleId}`)).statusCode).toBe(403);
    expect((await cadre.get('/api/bulletin/issues')).statusCode).toBe(403);
  });

  it('a district’s own bulletin is read by its units and the city, not by another district (404)', async () => {
    const res = await upload(wuzhongAdmin, 'wuzhong-2013.txt', SAMPLE, '?series=吴中工会信息&number=3');
    expect(res.statusCode, res.body).toBe(200);
    const id = json<IssueImportResult>(res).id;
    expect((await issueOf(wuzhongOfficer, id)).series).toBe('吴中工会信息');
    expect((await issueOf(editor, id)).year).toBe(2013);
    const outside = await wujiangOfficer.get(`/api/bulletin/issues/${id}`);
    expect(outside.statusCode, outside.body).toBe(404);
    const listed = json<IssuePage>(await wujiangOfficer.get('/api/bulletin/issues?year=2013'));
    expect(listed).toEqual({ items: [], total: 0 });
    const [series] = await ctx.database.rows<{ org_id: string }>(
      `select org_id from bulletin_series where name = '吴中工会信息'`,
    );
    expect(series!.org_id).toBe(wuzhong.id);
  });

  it('a district may not import into the city’s series (403)', async () => {
    const res = await upload(wuzhongAdmin, 'legacy-bulletin-2012-08.txt', SAMPLE, '?number=30');
    expect(res.statusCode, res.body).toBe(403);
    expect(errorOf(res).message).toContain('《工作动态》由其他单位编辑');
  });

  it('an unknown issue is 404', async () => {
    const res = await editor.get('/api/bulletin/issues/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
  });

  it('the system actor imports into the root federation’s series', async () => {
    const result = await importLegacyBulletin(system, {
      filePath: SAMPLE_FILE,
      originalName: 'legacy-bulletin-2012-08.txt',
      number: 10,
    });
    expect((await issueOf(editor, result.id)).number).toBe(10);
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

describe('npx gonghui bulletin import', () => {
  it(
    'prints the new issue’s id; a second import of it fails with exit code 1',
    { timeout: 120_000 },
    async () => {
      const dataDir = path.join(dir, 'cli-data');
      const made = await runCli(dataDir, [
        'create-user',
        '--username',
        'admin',
        '--name',
        '管理员',
        '--role',
        'admin',
        '--password',
        PASSWORD,
      ]);
      expect(made.code, made.stderr).toBe(0);
      const args = ['bulletin', 'import', SAMPLE_FILE, '--year', '2012', '--number', '8'];
      const ok = await runCli(dataDir, args);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n$/);
      expect(ok.stderr).toContain('已导入：2 个栏目，6 条信息，其中 1 条需要编辑核对');
      const again = await runCli(dataDir, args);
      expect(again.code).toBe(1);
      expect(again.stdout).toBe('');
      expect(again.stderr).toContain('已经导入过');
    },
  );
});

describe('files no issue could be', () => {
  const text = SAMPLE.toString('utf8');
  const body = text.slice(text.indexOf('【工作动态】'), text.indexOf('报：'));

  async function refused(name: string, content: string, reason: RegExp) {
    const before = await counts();
    const res = await upload(editor, name, content, '?year=2013&number=99');
    expect(res.statusCode, res.body).toBe(413);
    const err = json<{ error: { code: string; message: string; details: { field: string }[] } }>(res).error;
    expect(err.message).toMatch(reason);
    expect(err.details[0]?.field).toBe('file');
    expect(await counts()).toEqual(before);
  }

  it('15 MB of real items repeated: refused for its length before parsing, nothing written', async () => {
    const copies = Math.ceil((15 * 2 ** 20) / Buffer.byteLength(body));
    await refused('大文件.txt', body.repeat(copies), /超过一期简报 500,000 字的上限/);
  });

  it('more columns or items than any issue: refused with the counts', async () => {
    const columns = Array.from(
      { length: ARCHIVE_LIMITS.columns + 1 },
      (_, i) => `【栏目${i}】\n标题${i}\n正文。（市总办公室）`,
    );
    await refused('栏目太多.txt', columns.join('\n'), /51 个栏目/);
    const items = Array.from(
      { length: ARCHIVE_LIMITS.items + 1 },
      (_, i) => `第${i}条信息\n正文。（市总办公室）`,
    );
    await refused('信息太多.txt', `【工作动态】\n${items.join('\n')}`, /301 条信息/);
  });

  it('at the limits an issue is imported', async () => {
    const items = Array.from(
      { length: ARCHIVE_LIMITS.items },
      (_, i) => `第${i}条信息\n正文。（市总办公室）`,
    );
    const res = await upload(editor, '最多.txt', `【工作动态】\n${items.join('\n')}`, '?year=2013&number=98');
    expect(res.statusCode, res.body).toBe(200);
    expect(json<IssueImportResult>(res).items).toBe(ARCHIVE_LIMITS.items);
  });
});
