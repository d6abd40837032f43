// Word export of a bulletin issue: the 2012-08 sample imported through the API and exported as
// .docx, its document.xml checked for the official layout (A4, margins, 28 × 22 grid, fonts,
// red masthead, columns, sources, distribution), then converted by LibreOffice to PDF and read
// back as text. Also: a draft is refused with 409, another district's reader gets 404.
import { readFileSync } from 'node:fs';
import { mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOrg,
  buildUser,
  json,
  loginAs,
  rootFederation,
  setupTestApp,
  type Client,
} from '../../tests/test-app';
import type { OrgDetail } from '../orgs/contract';
import { entryText, findEntry, readZipDirectory } from '../platform/zip';
import type { IssueImportResult } from './contract';
import { CHAR_SPACE, LINE_PITCH, PAGE } from '../platform/word';
import { docxToPdf, pdfToolsAvailable } from '../../tests/pdf';

const ctx = setupTestApp();

const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE = readFileSync(path.join(here, 'legacy/fixtures/legacy-bulletin-2012-08.txt'));

let root: OrgDetail;
let editor: Client;
let wuzhongOfficer: Client;
let wujiangOfficer: Client;
let cadre: Client;
let wuzhongAdmin: Client;
let dir = '';
let sampleId = '';

type ErrorJson = { error: { code: string; message: string } };
const errorOf = (res: { json: () => unknown }) => (res.json() as ErrorJson).error;

function upload(client: Client, fileName: string, query: string) {
  return client.upload(`/api/bulletin/issues/import${query}`, fileName, SAMPLE);
}

async function importSample(client: Client, query: string): Promise<string> {
  const res = await upload(client, 'legacy-bulletin-2012-08.txt', query);
  expect(res.statusCode, res.body).toBe(200);
  return json<IssueImportResult>(res).id;
}

const exportUrl = (id: string) => `/api/bulletin/issues/${id}/export.docx`;

/** Downloads the export and returns the file's path and its document.xml. */
async function download(client: Client, id: string, name: string) {
  const res = await client.get(exportUrl(id));
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  );
  const file = path.join(dir, name);
  await writeFile(file, res.rawPayload);
  return { file, res, xml: await zipEntry(file, 'word/document.xml') };
}

async function zipEntry(file: string, name: string): Promise<string> {
  const { size } = await stat(file);
  const fh = await open(file, 'r');
  try {
    const zip = await readZipDirectory(fh, size, {
      maxUncompressedBytes: 50 * 2 ** 20,
      maxCompressionRatio: 200,
    });
    const entry = findEntry(zip, name);
    if (!entry) throw new Error(`${name} missing`);
    let text = '';
    for await (const chunk of entryText(file, fh, size, entry)) text += chunk;
    return text;
  } finally {
    await fh.close();
  }
}

/** The text of a document.xml without markup, paragraphs on their own lines. */
function plainText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

beforeAll(async () => {
  root = await rootFederation();
  const wuzhong = await buildOrg({ name: '吴中区总工会' });
  const wujiang = await buildOrg({ name: '吴江市总工会' });
  editor = await loginAs(ctx, await buildUser({ role: 'federationStaff', department: 'office', org: root }));
  wuzhongOfficer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wuzhong }));
  wujiangOfficer = await loginAs(ctx, await buildUser({ role: 'infoOfficer', org: wujiang }));
  cadre = await loginAs(ctx, await buildUser({ role: 'serviceCadre', org: wuzhong }));
  wuzhongAdmin = await loginAs(ctx, await buildUser({ role: 'admin', org: wuzhong }));
  dir = await mkdtemp(path.join(tmpdir(), 'gonghui-word-'));
  sampleId = await importSample(editor, '?number=8');
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the Word export of the 2012-08 sample', () => {
  let file = '';
  let xml = '';

  it('downloads as 工作动态2012年第8期.docx (RFC 5987 file name)', async () => {
    const got = await download(editor, sampleId, 'sample.docx');
    ({ file, xml } = got);
    expect(got.res.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('工作动态2012年第8期.docx')}`,
    );
    expect(got.res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('is A4 with the official margins and a 28 × 22 grid', () => {
    expect(PAGE).toEqual({ width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1587, right: 1474 });
    expect(LINE_PITCH).toBe(579);
    // The character pitch of 28 per line (15.79 pt) is a little less than 3号 (16 pt).
    expect(CHAR_SPACE).toBeGreaterThan(-900);
    expect(CHAR_SPACE).toBeLessThan(-800);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? '';
    expect(margin).toContain('w:top="2098"');
    expect(margin).toContain('w:bottom="1984"');
    expect(margin).toContain('w:left="1587"');
    expect(margin).toContain('w:right="1474"');
    expect(xml).toMatch(
      new RegExp(
        `<w:docGrid (?=[^>]*w:type="linesAndChars")(?=[^>]*w:linePitch="579")(?=[^>]*w:charSpace="${CHAR_SPACE}")`,
      ),
    );
  });

  it('sets the body in 仿宋 3号 and the masthead in red 小标宋', async () => {
    const styles = await zipEntry(file, 'word/styles.xml');
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
    expect(defaults).toMatch(/<w:rFonts [^>]*w:ascii="仿宋_GB2312"[^>]*\/>/);
    expect(defaults).toMatch(/<w:rFonts [^>]*w:eastAsia="仿宋_GB2312"[^>]*\/>/);
    expect(defaults).toMatch(/<w:rFonts [^>]*w:hint="eastAsia"[^>]*\/>/);
    expect(defaults).toContain('<w:sz w:val="32"/>');
    const fonts = await zipEntry(file, 'word/fontTable.xml');
    expect(fonts).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
    expect(fonts).toMatch(/<w:font w:name="仿宋"><w:altName w:val="FangSong"\/>/);
    expect(fonts).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"\/>/);
    // The title run: 小标宋, red, large.
    const title = /<w:r>(?:(?!<w:r>).)*?<w:t[^>]*>工作动态<\/w:t><\/w:r>/s.exec(xml)?.[0] ?? '';
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:color w:val="FF0000"/>');
    expect(title).toMatch(/<w:sz w:val="(8[4-9]|9[0-6])"\/>/);
    // The red rule under the masthead.
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000" w:sz="18"/);
    // Page numbers in the footers: — 1 —.
    const footers = await Promise.all(
      ['word/footer1.xml', 'word/footer2.xml'].map((name) => zipEntry(file, name)),
    );
    for (const footer of footers) {
      expect(footer).toContain('PAGE');
      expect(plainText(footer)).toMatch(/— .*—/);
    }
  });

  it('has the masthead, the 【】 columns, titles, briefs, sources and distribution in order', () => {
    const text = plainText(xml);
    const expected = [
      '工作动态',
      '2012年第8期',
      '【工作动态】',
      '市总工会召开三季度工作推进会',
      '规范换届选举。（市总办公室）',
      '活动阵地建设。（市总组织部、市总宣教部）',
      '昆山市开展“安康杯”安全知识竞赛',
      '受教育职工达2.3万人次。（昆山市总工会）',
      '【工作简讯】',
      '张家港市总工会开展夏季送清凉活动。7月下旬',
      '（相城区总工会、市总生产部）',
      '市邮政局工会举办职工书画摄影展。展览共展出职工作品120余件。（市邮政局工会）',
      '报：省总工会办公室，市委办公室、市政府办公室',
      '送：市人大常委会办公室、市政协办公室',
      '发：各市（县）、区总工会，市各产业（系统）工会，各直属单位工会',
    ];
    let at = 0;
    for (const part of expected) {
      const found = text.indexOf(part, at);
      expect(found, `${part} after position ${at}`).toBeGreaterThanOrEqual(0);
      at = found + part.length;
    }
    // The editing unit on the left of the rule line; this issue has no date.
    expect(text).toContain(`${root.name}编\t\n`);
    // A brief's title is bold and runs into its body.
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*张家港市总工会开展夏季送清凉活动。<\/w:t>/s);
    // The distribution sits between black rules.
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="8"/);
  });

  it(
    'LibreOffice prints it as a bulletin: masthead, columns, items, sources and distribution',
    { timeout: 180_000 },
    async () => {
      const tools = await pdfToolsAvailable();
      if (!tools) return;
      const { text, pages } = await toPdfText(file);
      const flat = text.replace(/\s+/g, '');
      for (const part of [
        '工作动态',
        '2012年第8期',
        '【工作动态】',
        '【工作简讯】',
        '市总工会召开三季度工作推进会',
        '（市总组织部、市总宣教部）',
        '（相城区总工会、市总生产部）',
        '报：省总工会办公室，市委办公室、市政府办公室',
        '发：各市（县）、区总工会，市各产业（系统）工会，各直属单位工会',
        '—1—',
      ])
        expect(flat, part).toContain(part);
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(4);
    },
  );
});

describe('a published issue with its date, total number and print count', () => {
  it('shows 总第N期, the date on the right, 本期印发 and 共印N份', { timeout: 180_000 }, async () => {
    const id = await importSample(editor, '?number=9');
    await ctx.database.rows(
      `update bulletin_issues set state = 'published', issue_date = '2012-09-05', total_number = 96,
          print_count = 120, distribution = $2 where id = $1`,
      [id, JSON.stringify({ issuedTo: '各市（县）、区总工会', report: null, send: null, issue: null })],
    );
    const { xml, res, file } = await download(editor, id, 'published.docx');
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent('工作动态2012年第9期（总第96期）.docx'),
    );
    const text = plainText(xml);
    expect(text).toContain('2012年第9期（总第96期）');
    expect(text).toContain(`${root.name}编\t2012年9月5日`);
    expect(text).toContain('本期印发：各市（县）、区总工会');
    expect(text).toContain('（共印120份）');
    expect(text).not.toContain('报：');
    // A thin rule sets the print count off from the distribution line.
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="6"/);
    const tools = await pdfToolsAvailable();
    if (!tools) return;
    const flat = (await toPdfText(file)).text.replace(/\s+/g, '');
    expect(flat).toContain('2012年9月5日');
    expect(flat).toContain('（共印120份）');
  });
});

describe('who may export what', () => {
  it('a draft issue is refused with 409 and a Chinese message', async () => {
    const id = await importSample(editor, '?number=10');
    await ctx.database.rows(`update bulletin_issues set state = 'draft' where id = $1`, [id]);
    const res = await editor.get(exportUrl(id));
    expect(res.statusCode, res.body).toBe(409);
    expect(errorOf(res).message).toContain('未发布的期次不能导出Word');
  });

  it('every officer of the city exports the city’s issue; a user without a bulletin permission gets 403', async () => {
    expect((await wuzhongOfficer.get(exportUrl(sampleId))).statusCode).toBe(200);
    expect((await wujiangOfficer.get(exportUrl(sampleId))).statusCode).toBe(200);
    expect((await cadre.get(exportUrl(sampleId))).statusCode).toBe(403);
  });

  it('another district’s officer gets 404 for a district’s own bulletin; unknown ids are 404', async () => {
    const id = await importSample(wuzhongAdmin, '?series=吴中工会信息&number=3&year=2013');
    const { res, xml } = await download(wuzhongOfficer, id, 'wuzhong.docx');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('吴中工会信息2013年第3期.docx'));
    expect(plainText(xml)).toContain('吴中区总工会编');
    const outside = await wujiangOfficer.get(exportUrl(id));
    expect(outside.statusCode, outside.body).toBe(404);
    expect((await editor.get(exportUrl('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
  });

  it('without a session: 401', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: exportUrl(sampleId) });
    expect(res.statusCode).toBe(401);
  });
});

/** Converts a .docx with LibreOffice and reads the PDF (in this test's folder). */
async function toPdfText(docx: string): Promise<{ text: string; pages: number }> {
  return docxToPdf(docx, await mkdtemp(path.join(dir, 'pdf-')));
}
