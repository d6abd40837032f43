import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LegacyFileError, docxParagraphs, documentParagraphs } from './docx-text';
import { documentXml, makeDocx, makeZip, paragraphXml } from './fixtures/make-docx';
import { readLegacyText } from './read-file';

const run = (text: string, props = '') => `<w:r>${props}<w:t xml:space="preserve">${text}</w:t></w:r>`;

describe('documentParagraphs', () => {
  it('turns paragraphs into lines, w:tab into a tab and w:br into a line break', () => {
    const xml = documentXml(
      `<w:p>${run('【工作动态】')}</w:p>` +
        `<w:p>${run('标题')}<w:r><w:br/></w:r>${run('第二行')}</w:p>` +
        `<w:p/>` +
        `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>${run('正文')}<w:r><w:tab/></w:r>${run('（甲 &amp; 乙&lt;丙&gt;）')}</w:p>`,
    );
    expect(documentParagraphs(xml)).toEqual(['【工作动态】', '标题', '第二行', '', '正文\t（甲 & 乙<丙>）']);
  });

  it('reads a text box once (not its fallback copy) and skips deleted text and field codes', () => {
    const box = (text: string) => `<w:txbxContent><w:p>${run(text)}</w:p></w:txbxContent>`;
    const xml = documentXml(
      `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${box('工作动态')}</w:drawing></mc:Choice>` +
        `<mc:Fallback><w:pict>${box('工作动态')}</w:pict></mc:Fallback></mc:AlternateContent></w:r>${run('第1期')}</w:p>` +
        `<w:p><w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r>${run('正文')}</w:p>`,
    );
    expect(documentParagraphs(xml)).toEqual(['工作动态', '第1期', '正文']);
  });

  it('keeps the text of a body cut off inside a paragraph', () => {
    expect(documentParagraphs(`<w:body><w:p>${run('完整')}</w:p><w:p><w:r><w:t>半截`)).toEqual([
      '完整',
      '半截',
    ]);
  });
});

describe('docxParagraphs on files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gonghui-docx-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const file = async (name: string, data: Buffer | string) => {
    const p = path.join(dir, name);
    await writeFile(p, data);
    return p;
  };

  it('reads a .docx with stored or deflated parts', async () => {
    const lines = ['【工作简讯】', '某厂开展竞赛。共有200名职工参加。（某厂工会）'];
    expect(await docxParagraphs(await file('a.docx', makeDocx(lines)))).toEqual(lines);
    const stored = makeZip([
      { name: 'word/document.xml', data: documentXml(lines.map(paragraphXml).join('')), stored: true },
    ]);
    expect(await docxParagraphs(await file('b.docx', stored))).toEqual(lines);
  });

  const refusals: [string, () => Buffer | string, string, RegExp][] = [
    ['an empty file', () => '', 'EMPTY_FILE', /文件是空的/],
    ['a text file', () => '【工作动态】\n标题', 'NOT_DOCX', /不是 Word 文档（\.docx）/],
    [
      'a legacy .doc',
      () => Buffer.from('d0cf11e0a1b11ae1' + '00'.repeat(504), 'hex'),
      'LEGACY_DOC',
      /旧版 Word 文件（\.doc）/,
    ],
    [
      'an .xlsx',
      () => makeZip([{ name: 'xl/workbook.xml', data: '<workbook/>' }]),
      'NOT_DOCX',
      /这是 Excel 文件/,
    ],
    ['a zip of other files', () => makeZip([{ name: 'a.txt', data: 'x' }]), 'NOT_DOCX', /这是 zip 压缩包/],
    [
      'a cut-off upload',
      () => makeDocx(['【工作动态】', '标题']).subarray(0, 200),
      'CORRUPT_FILE',
      /已损坏或不完整/,
    ],
  ];
  for (const [what, data, code, message] of refusals) {
    it(`refuses ${what} with a 400 and a Chinese message`, async () => {
      const p = await file(`refused-${code}.docx`, data());
      const err = await docxParagraphs(p).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LegacyFileError);
      expect(err).toMatchObject({ status: 400, code });
      expect((err as Error).message).toMatch(message);
    });
  }

  it('a damaged part (bad CRC) is refused as corrupt', async () => {
    const good = makeDocx(['【工作动态】', '标题']);
    const bad = Buffer.from(good);
    // word/document.xml is the last entry: flip a bit of the CRC its directory record declares.
    const last = bad.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bad.writeUInt32LE((bad.readUInt32LE(last + 16) ^ 1) >>> 0, last + 16);
    await expect(docxParagraphs(await file('crc.docx', bad))).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
  });

  it('readLegacyText reads .docx, UTF-16 and UTF-8 text, and refuses binary files', async () => {
    expect(await readLegacyText(await file('c.docx', makeDocx(['甲', '乙'])))).toBe('甲\n乙');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('【工作动态】\r\n标题', 'utf16le')]);
    expect(await readLegacyText(await file('d.txt', utf16))).toBe('【工作动态】\r\n标题');
    expect(await readLegacyText(await file('e.txt', '\ufeff标题'))).toBe('标题');
    await expect(
      readLegacyText(await file('f.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))),
    ).rejects.toMatchObject({
      status: 400,
      code: 'NOT_TEXT',
    });
  });
});
