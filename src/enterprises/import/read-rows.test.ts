import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '../../platform/shared/uscc';
import { IMPORT_COLUMNS, mapHeaders } from './headers';
import {
  ImportFileError,
  formatExcelNumber,
  readRows,
  sniffFormat,
  type FileFormat,
  type ReadRowsOptions,
  type SheetRow,
} from '../../platform/spreadsheets/read-rows';
import { writeTemplate } from './template';
import { validateRow } from './validate-row';
import { commandExists, systemTool } from '../../../tests/tools';

const libreOffice = () =>
  systemTool(
    'LibreOffice Calc (soffice)',
    commandExists('soffice'),
    'apt-get install -y --no-install-recommends libreoffice-calc',
  );

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const USCC = completeUscc('91320506', 'MA1MY2RB');
const USCC2 = completeUscc('91320506', 'MA1N0K7P');

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gonghui-read-rows-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, `${++n}-${name}`);
  await writeFile(p, content);
  return p;
}

async function rowsOf(p: string, format?: FileFormat, options?: ReadRowsOptions): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const row of readRows(p, format ?? (await sniffFormat(p)), options)) out.push(row);
  return out;
}

const cellsOf = (rows: SheetRow[]) => rows.map((r) => r.cells);

/** The ImportFileError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<ImportFileError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ImportFileError) return err;
    throw err;
  }
  throw new Error('expected an ImportFileError');
}

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const p = path.join(dir, `${++n}.xlsx`);
  await wb.xlsx.writeFile(p);
  return p;
}

// --- A minimal zip writer, to craft the files real tools never write ----------------------------

interface ZipPart {
  name: string;
  data: string | Buffer;
  store?: boolean;
  /** Lie about the uncompressed size in both headers. */
  declaredSize?: number;
}

function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const raw = typeof part.data === 'string' ? Buffer.from(part.data) : part.data;
    const body = part.store ? raw : deflateRawSync(raw);
    const name = Buffer.from(part.name);
    const size = part.declaredSize ?? raw.length;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(part.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface RawSheet {
  name: string;
  xml: string;
  state?: string;
}

/** An .xlsx assembled from XML by hand; sheets are listed in workbook order. */
function rawXlsx(
  sheets: RawSheet[],
  options: { sharedStrings?: string[]; styles?: string; date1904?: boolean; absoluteTargets?: boolean } = {},
): Buffer {
  const target = (p: string) => (options.absoluteTargets ? `/xl/${p}` : p);
  const parts: ZipPart[] = [
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    // Sheets before the workbook and the shared strings, as Excel orders its zips.
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS} ${RNS}>${s.xml}</worksheet>`,
    })),
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><workbook ${NS} ${RNS}>${options.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheets
        .map(
          (s, i) =>
            `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ''}/>`,
        )
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${target(`worksheets/sheet${i + 1}.xml`)}"/>`,
        )
        .join(
          '',
        )}<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="${target('sharedStrings.xml')}"/><Relationship Id="rIdT" Type="${REL}/styles" Target="${target('styles.xml')}"/></Relationships>`,
    },
  ];
  if (options.sharedStrings) {
    parts.push({
      name: 'xl/sharedStrings.xml',
      data: `<?xml version="1.0"?><sst ${NS}>${options.sharedStrings.join('')}</sst>`,
    });
  }
  if (options.styles)
    parts.push({
      name: 'xl/styles.xml',
      data: `<?xml version="1.0"?><styleSheet ${NS}>${options.styles}</styleSheet>`,
    });
  return zip(parts);
}

const sheetData = (rows: string) => `<sheetData>${rows}</sheetData>`;

// =============================================================================================

describe('sniffFormat', () => {
  it('tells .xlsx from CSV by content, whatever the name says', async () => {
    const book = await xlsx((wb) => wb.addWorksheet('企业名单').addRow(['a']));
    const renamed = path.join(dir, 'really-xlsx.csv');
    await copyFile(book, renamed);
    expect(await sniffFormat(renamed, '名单.csv')).toBe('xlsx');
    expect(await sniffFormat(await file('x.xlsx', '企业名称,乡镇\n甲,乙\n'), '名单.xlsx')).toBe('csv');
  });

  it('refuses an empty file, and one with only blanks', async () => {
    for (const content of ['', '\ufeff \r\n\r\n']) {
      const error = await failure(sniffFormat(await file('empty.csv', content)));
      expect(error.code).toBe('EMPTY_FILE');
      expect(error.message).toMatch(/文件是空的/);
    }
  });

  it('refuses an image renamed .xlsx', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);
    const error = await failure(sniffFormat(await file('photo.xlsx', png), 'photo.xlsx'));
    expect(error.code).toBe('NOT_SPREADSHEET');
    expect(error.message).toMatch(/不是有效的 Excel（\.xlsx）或 CSV 文件/);
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect((await failure(sniffFormat(await file('noise.xlsx', noise)))).message).toMatch(/不是有效的 Excel/);
  });

  it('asks to save a legacy .xls as .xlsx, and tells a password-protected file apart', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024)]);
    const xls = await failure(sniffFormat(await file('old.xls', ole)));
    expect(xls.code).toBe('LEGACY_XLS');
    expect(xls.message).toMatch(/另存为.*\.xlsx/);
    const encrypted = Buffer.concat([ole, Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(100)]);
    expect((await failure(sniffFormat(await file('secret.xlsx', encrypted)))).code).toBe('ENCRYPTED');
  });

  it('explains a web page saved as .xls and a Word file', async () => {
    const html = '<html><body><table><tr><td>企业名称</td></tr></table></body></html>';
    expect((await failure(sniffFormat(await file('export.xls', html)))).code).toBe('HTML_TABLE');
    const docx = zip([{ name: 'word/document.xml', data: '<w:document/>' }]);
    expect((await failure(sniffFormat(await file('doc.xlsx', docx)))).message).toMatch(/Word/);
  });

  it('refuses a truncated .xlsx', async () => {
    const book = await xlsx((wb) => {
      const ws = wb.addWorksheet('企业名单');
      for (let i = 0; i < 500; i++) ws.addRow([`企业${i}`, i]);
    });
    const { size } = await stat(book);
    await truncate(book, Math.floor(size / 2));
    const error = await failure(sniffFormat(book));
    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toMatch(/文件已损坏或不完整/);
  });
});

// =============================================================================================

describe('readRows: CSV', () => {
  const text = [
    '企业名称 ,统一社会信用代码,职工人数（人）,备注',
    `"苏州 某某, 有限公司",${USCC},"1,234","他说""好"""`,
    '',
    `  乙公司\u3000 ,${USCC2},１２３,"第一行`,
    '第二行"',
    ' , ,',
    '丙公司,,45,',
  ];

  const expected = [
    { row: 1, cells: ['企业名称', '统一社会信用代码', '职工人数（人）', '备注'] },
    { row: 2, cells: ['苏州 某某, 有限公司', USCC, '1,234', '他说"好"'] },
    { row: 4, cells: ['乙公司', USCC2, '１２３', '第一行\n第二行'] },
    { row: 6, cells: ['丙公司', '', '45', ''] },
  ];
  // A line break inside quotes is kept as the file has it.
  const withCrlf = expected.map((r) => ({ ...r, cells: r.cells.map((c) => c.replace('\n', '\r\n')) }));

  it('reads UTF-8 with a BOM and CRLF, quoted fields, and numbers rows as Excel does', async () => {
    const p = await file('bom.csv', '\ufeff' + text.join('\r\n') + '\r\n');
    expect(await sniffFormat(p)).toBe('csv');
    expect(await rowsOf(p)).toEqual(withCrlf);
  });

  it('reads UTF-8 without a BOM and with LF', async () => {
    expect(await rowsOf(await file('plain.csv', text.join('\n')))).toEqual(expected);
  });

  it('reads tab-separated text and Excel’s UTF-16 “Unicode text”', async () => {
    const tsv = ['企业名称\t统一社会信用代码\t地址', `甲公司\t${USCC}\t金山路 1 号, 2 楼`].join('\r\n');
    const rows = [
      ['企业名称', '统一社会信用代码', '地址'],
      ['甲公司', USCC, '金山路 1 号, 2 楼'],
    ];
    expect(cellsOf(await rowsOf(await file('a.tsv', tsv)))).toEqual(rows);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
    expect(cellsOf(await rowsOf(await file('unicode.txt', utf16)))).toEqual(rows);
  });

  const gbkRows = [
    ['统一社会信用代码', '企业名称', '所属乡镇(街道)', '职工人数', '经济类型'],
    [USCC, '苏州喆镕精密机械有限公司', '木渎镇', '120', '私营'],
    [USCC2, '苏州㐀字测试有限公司（GB18030 四字节）', '胥口镇, 香山街道', '45', '港澳台投资'],
  ];

  it('reads GBK as Chinese Excel saves it (fixture made with iconv)', async () => {
    expect(cellsOf(await rowsOf(path.join(FIXTURES, 'gbk.csv')))).toEqual(gbkRows);
  });

  // Needs glibc's iconv to encode GBK (Node cannot); without it the committed fixture above still runs.
  it.runIf(systemTool('iconv', commandExists('iconv'), 'apt-get install -y libc-bin'))(
    'reads GBK produced live by iconv, also when the first 64 KB are ASCII',
    async () => {
      const utf8 = gbkRows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n');
      const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: utf8 });
      expect(cellsOf(await rowsOf(await file('gbk.csv', gbk)))).toEqual(gbkRows);
      // A long ASCII-only start leaves the first chunk valid UTF-8: the switch happens later.
      const header = 'name,note\r\n';
      const ascii = Array.from({ length: 3000 }, (_, i) => `company-${i},${'x'.repeat(20)}`).join('\r\n');
      const tail = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: '\r\n木渎镇企业,喆' });
      const rows = await rowsOf(
        await file('late-gbk.csv', Buffer.concat([Buffer.from(header + ascii), tail])),
      );
      expect(rows.at(-1)!.cells).toEqual(['木渎镇企业', '喆']);
    },
  );

  it('refuses a file that switches encoding after UTF-8 text', async () => {
    const mixed = Buffer.concat([
      Buffer.from('企业名称\n' + '甲公司\n'.repeat(20000)),
      Buffer.from([0xc4, 0xbe, 0xe4, 0x0a]), // "木" in GBK and a stray byte
    ]);
    expect((await failure(rowsOf(await file('mixed.csv', mixed)))).code).toBe('ENCODING');
  });

  it('yields only the header of a file without data', async () => {
    expect(
      await rowsOf(await file('header.csv', '统一社会信用代码,企业名称,所属乡镇(街道)\r\n\r\n')),
    ).toEqual([{ row: 1, cells: ['统一社会信用代码', '企业名称', '所属乡镇(街道)'] }]);
  });

  it('refuses more data rows than maxRows, naming the limit', async () => {
    const csv = ['h', ...Array.from({ length: 5 }, (_, i) => `r${i}`)].join('\n');
    expect(await rowsOf(await file('five.csv', csv), 'csv', { maxRows: 5 })).toHaveLength(6);
    const error = await failure(rowsOf(await file('five.csv', csv), 'csv', { maxRows: 4 }));
    expect(error.code).toBe('TOO_MANY_ROWS');
    expect(error.message).toMatch(/超过 4 行/);
  });

  it('refuses a 1 MB cell, naming its row and column', async () => {
    const csv = `企业名称,地址,备注\n甲,乙,丙\n丁,戊,${'长'.repeat(1024 * 1024)}\n`;
    const error = await failure(rowsOf(await file('long.csv', csv)));
    expect(error.code).toBe('CELL_TOO_LONG');
    expect(error.message).toMatch(/第 3 行 C 列/);
  });

  it('refuses an unclosed quote', async () => {
    const error = await failure(rowsOf(await file('quote.csv', '企业名称,地址\n"甲公司,乙\n丙,丁\n')));
    expect(error.code).toBe('CSV_SYNTAX');
    expect(error.message).toMatch(/第 2 行/);
  });
});

// =============================================================================================

describe('readRows: .xlsx written by exceljs', () => {
  it('turns every kind of cell into trimmed text', async () => {
    const p = await xlsx((wb) => {
      const ws = wb.addWorksheet('企业名单');
      ws.addRow([
        '单位名称',
        '信用代码',
        '成立日期',
        '职工人数',
        '数字',
        '规上',
        '网址',
        '备注',
        '结果',
        '错误',
      ]);
      const row = ws.addRow([
        { richText: [{ text: '苏州', font: { bold: true } }, { text: '某某有限公司 ' }] },
        // A USCC typed into a General cell: the number keeps 15-17 significant digits.
        Number('913205001234567890'),
        new Date('2011-06-30T00:00:00Z'),
        '0120',
        0.1 + 0.2,
        true,
        { text: '官网', hyperlink: 'https://example.com' },
        '  前后有空格\u3000',
        { formula: 'D2*2', result: 240 },
        { error: '#N/A' },
      ]);
      row.getCell(3).numFmt = 'yyyy"年"m"月"d"日"';
      const more = ws.addRow([
        '乙公司',
        USCC,
        40724,
        1234.5,
        -3,
        false,
        '',
        '',
        { formula: 'A3&"x"', result: '乙公司x' },
      ]);
      more.getCell(3).numFmt = 'yyyy/m/d';
    });
    const rows = await rowsOf(p);
    expect(rows[1]).toEqual({
      row: 2,
      cells: [
        '苏州某某有限公司',
        '913205001234568000',
        '2011-06-30',
        '0120',
        '0.3',
        '是',
        '官网',
        '前后有空格',
        '240',
        '#N/A',
      ],
      problems: [{ col: 9, reason: '单元格的值是错误“#N/A”，请修正后再导入' }],
    });
    expect(rows[2]).toEqual({
      row: 3,
      cells: ['乙公司', USCC, '2011-06-30', '1234.5', '-3', '否', '', '', '乙公司x'],
    });
  });

  it('reports a formula without a cached result as a problem of its cell', async () => {
    const p = await xlsx((wb) => {
      const ws = wb.addWorksheet('企业名单');
      ws.addRow(['企业名称', '职工人数']);
      ws.addRow(['甲公司', { formula: 'SUM(C2:C9)' }]);
    });
    const [, row] = await rowsOf(p);
    expect(row).toEqual({
      row: 2,
      cells: ['甲公司', '=SUM(C2:C9)'],
      problems: [{ col: 1, reason: '单元格是公式且没有计算结果，请粘贴为数值' }],
    });
    const { columns } = mapHeaders(['统一社会信用代码', '企业名称', '所属乡镇(街道)', '职工人数']);
    const checked = validateRow(2, [USCC, '甲公司', '木渎镇', row!.cells[1]!], columns, {
      today: '2024-06-30',
      problems: row!.problems!.map((p) => ({ ...p, col: 3 })),
    });
    expect(checked).toEqual({
      errors: [
        {
          row: 2,
          column: '职工人数',
          value: '=SUM(C2:C9)',
          reason: '单元格是公式且没有计算结果，请粘贴为数值',
        },
      ],
    });
  });

  it('skips the instructions sheet and empty rows, keeping Excel’s row numbers', async () => {
    const p = await xlsx((wb) => {
      wb.addWorksheet('填写说明').addRow(['这里是说明']);
      const ws = wb.addWorksheet('名单');
      ws.getCell('A2').value = '企业名称';
      ws.getCell('A5').value = '甲公司';
      ws.getCell('B7').value = '   ';
      ws.getCell('A9').value = '乙公司';
    });
    expect((await rowsOf(p)).map((r) => [r.row, r.cells[0]])).toEqual([
      [2, '企业名称'],
      [5, '甲公司'],
      [9, '乙公司'],
    ]);
  });

  it('yields only the header of a sheet without data', async () => {
    const p = await xlsx((wb) => {
      wb.addWorksheet('企业名单').addRow(['统一社会信用代码', '企业名称', '所属乡镇(街道)']);
    });
    expect(await rowsOf(p)).toEqual([{ row: 1, cells: ['统一社会信用代码', '企业名称', '所属乡镇(街道)'] }]);
  });

  it('refuses merged header cells, naming the range', async () => {
    const p = await xlsx((wb) => {
      const ws = wb.addWorksheet('企业名单');
      ws.addRow(['工会信息', '', '', '企业名称']);
      ws.addRow(['建会日期', '会员人数', '任期年限', '']);
      ws.mergeCells('A1:C1');
    });
    const error = await failure(rowsOf(p));
    expect(error.code).toBe('MERGED_HEADER');
    expect(error.message).toBe('表头有合并单元格（A1:C1），请取消合并后每列一个标题');
  });

  it('explains a merged title row above the header', async () => {
    const p = await xlsx((wb) => {
      const ws = wb.addWorksheet('企业名单');
      ws.addRow(['2024 年吴中区企业名单']);
      ws.mergeCells('A1:F1');
      ws.addRow(['企业名称', '统一社会信用代码']);
    });
    expect((await failure(rowsOf(p))).message).toMatch(/第 1 行是合并单元格的标题（A1:F1），请删除标题行/);
  });

  it('gives every row of a vertically merged data cell its value', async () => {
    const p = await xlsx((wb) => {
      const ws = wb.addWorksheet('企业名单');
      ws.addRow(['所属乡镇(街道)', '企业名称', '地址']);
      ws.addRow(['木渎镇', '甲公司', '金山路 1 号']);
      ws.addRow(['', '乙公司', '']);
      ws.addRow(['', '丙公司', '']);
      ws.addRow(['胥口镇', '丁公司', '']);
      ws.mergeCells('A2:A4');
      ws.mergeCells('C2:D2');
    });
    expect(cellsOf(await rowsOf(p)).map((c) => c.slice(0, 3))).toEqual([
      ['所属乡镇(街道)', '企业名称', '地址'],
      ['木渎镇', '甲公司', '金山路 1 号'],
      ['木渎镇', '乙公司', ''],
      ['木渎镇', '丙公司', ''],
      ['胥口镇', '丁公司', ''],
    ]);
  });

  it('keeps Chinese text whole across inflate chunk boundaries (exceljs’s streaming reader does not)', async () => {
    const name = (i: number) => `苏州市吴中区某某科技有限公司第${i}号`;
    const address = (i: number) => `木渎镇金山路${i}号`;
    const p = await xlsx((wb) => {
      const ws = wb.addWorksheet('企业名单');
      ws.addRow(['企业名称', '地址']);
      for (let i = 0; i < 20_000; i++) ws.addRow([name(i), address(i)]);
    });
    const rows = await rowsOf(p);
    expect(rows).toHaveLength(20_001);
    const damaged = rows.slice(1).filter((r, i) => r.cells[0] !== name(i) || r.cells[1] !== address(i));
    expect(damaged).toEqual([]);
    // The same with the shared strings spilled to a temporary file after the first 1,000 characters.
    expect(await rowsOf(p, 'xlsx', { memoryStringChars: 1000 })).toEqual(rows);
  });

  it('refuses more rows than maxRows and a cell longer than maxCellChars', async () => {
    const p = await xlsx((wb) => {
      const ws = wb.addWorksheet('企业名单');
      ws.addRow(['企业名称', '备注']);
      for (let i = 0; i < 10; i++) ws.addRow([`企业${i}`, '']);
      // Varied characters: a million copies of one character would be refused as a zip bomb.
      ws.getCell('B8').value = Array.from({ length: 1024 * 1024 }, (_, i) =>
        String.fromCharCode(0x4e00 + ((i * 7919) % 20000)),
      ).join('');
    });
    expect((await failure(rowsOf(p, 'xlsx', { maxRows: 9, maxCellChars: 2_000_000 }))).message).toMatch(
      /超过 9 行/,
    );
    const long = await failure(rowsOf(p, 'xlsx'));
    expect(long.code).toBe('CELL_TOO_LONG');
    expect(long.message).toMatch(/第 8 行 B 列（B8）的内容超过 10000 个字符/);
  });
});

// =============================================================================================

describe('readRows: .xlsx as other programs write it', () => {
  const LIBREOFFICE_SOURCE = [
    '统一社会信用代码,企业名称,所属乡镇(街道),职工人数,成立日期,规模以上,建会日期,会员人数,备注',
    `${USCC},苏州示例精密机械有限公司,木渎镇,120,2008-03-15,是,2009-05-01,=D2-10,`,
    '913205001234567890,苏州（中国）某某 有限责任公司,胥口镇 ,"1,234",2011-06-30,否,,,"第一行',
    '第二行"',
  ].join('\n');
  const LIBREOFFICE_ROWS = [
    [
      '统一社会信用代码',
      '企业名称',
      '所属乡镇(街道)',
      '职工人数',
      '成立日期',
      '规模以上',
      '建会日期',
      '会员人数',
      '备注',
    ],
    [USCC, '苏州示例精密机械有限公司', '木渎镇', '120', '2008-03-15', '是', '2009-05-01', '110'],
    [
      '913205001234568000',
      '苏州（中国）某某 有限责任公司',
      '胥口镇',
      '1234',
      '2011-06-30',
      '否',
      '',
      '',
      '第一行\n第二行',
    ],
  ];

  function checkLibreOfficeRows(rows: SheetRow[]) {
    expect(cellsOf(rows)).toEqual(LIBREOFFICE_ROWS);
    const { columns } = mapHeaders(rows[0]!.cells);
    const [first, second] = rows
      .slice(1)
      .map((r) => validateRow(r.row, r.cells, columns, { today: '2024-06-30' }));
    expect(first).toHaveProperty('record.registeredOn', '2008-03-15');
    expect(first).toHaveProperty('record.facts.1', {
      kind: 'unionFounded',
      eventDate: '2009-05-01',
      validFrom: null,
      validTo: null,
      value: null,
      data: null,
    });
    expect(second).toEqual({
      errors: [
        {
          row: 3,
          column: '统一社会信用代码',
          value: '913205001234568000',
          reason: '信用代码被 Excel 当作数字保存，丢失了位数，请将该列设为文本',
        },
      ],
    });
  }

  it('reads the committed LibreOffice fixture', async () => {
    checkLibreOfficeRows(await rowsOf(path.join(FIXTURES, 'libreoffice.xlsx')));
  });

  // Needs LibreOffice (apt-get install -y libreoffice-calc); without it the committed fixture above still runs.
  it.runIf(libreOffice())(
    'reads an .xlsx LibreOffice writes now, and refuses its .xls',
    async () => {
      const out = path.join(dir, 'lo');
      const source = await file('lo-source.csv', LIBREOFFICE_SOURCE);
      const profile = `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`;
      for (const target of ['xlsx', 'xls']) {
        execFileSync(
          'soffice',
          [
            profile,
            '--headless',
            '--infilter=CSV:44,34,76,1',
            '--convert-to',
            target,
            '--outdir',
            out,
            source,
          ],
          {
            stdio: 'ignore',
            timeout: 60_000,
          },
        );
      }
      const base = path.basename(source, '.csv');
      checkLibreOfficeRows(await rowsOf(path.join(out, `${base}.xlsx`)));
      expect((await failure(sniffFormat(path.join(out, `${base}.xls`)))).code).toBe('LEGACY_XLS');
    },
    60_000,
  );

  it('reads inline strings, missing cell references, prefixes, phonetics, escapes and date formats', async () => {
    const styles =
      '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="49"/></cellXfs>';
    const shared = [
      '<si><t>企业名称</t></si>',
      '<si><r><t>苏州</t></r><r><rPr><b/></rPr><t xml:space="preserve">某某 </t></r><rPh sb="0" eb="2"><t>スズ</t></rPh></si>',
      '<si><t>第一行_x000D_\n第二行 &amp; &lt;三&gt;</t></si>',
    ];
    const xml = sheetData(
      '<row r="1"><c t="s"><v>0</v></c><c t="inlineStr"><is><t>成立日期</t></is></c><c r="D1" t="inlineStr"><is><r><t>备</t></r><r><t>注</t></r></is></c></row>' +
        '<x:row r="3" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3" s="1"><x:v>40724</x:v></x:c></x:row>' +
        '<row><c r="A4" t="s"><v>2</v></c><c r="B4" s="2"><v>40724.5</v></c><c r="C4" t="d"><v>2011-06-30T00:00:00Z</v></c><c r="D4" s="3"><v>9.13205001234568E+17</v></c></row>' +
        '<row r="5"><c r="A5" t="str"><f t="shared" si="0"/><v>共享公式</v></c><c r="B5"><f>NOW()</f><v></v></c><c r="C5" t="b"><v>1</v></c><c r="E5"><![CDATA[ignored]]><v>1E-7</v></c></row>',
    );
    const p = await file(
      'crafted.xlsx',
      rawXlsx(
        [
          { name: '填写说明', xml: sheetData('<row r="1"><c t="inlineStr"><is><t>说明</t></is></c></row>') },
          {
            name: '隐藏',
            xml: sheetData('<row r="1"><c t="inlineStr"><is><t>隐藏的表</t></is></c></row>'),
            state: 'hidden',
          },
          { name: '企业名单', xml },
        ],
        { sharedStrings: shared, styles, absoluteTargets: true },
      ),
    );
    expect(await rowsOf(p)).toEqual([
      { row: 1, cells: ['企业名称', '成立日期', '', '备注'] },
      { row: 3, cells: ['苏州某某', '2011-06-30'] },
      { row: 4, cells: ['第一行\r\n第二行 & <三>', '2011-06-30', '2011-06-30', '913205001234568000'] },
      {
        row: 5,
        cells: ['共享公式', '=NOW()', '是', '', '0.0000001'],
        problems: [{ col: 1, reason: '单元格是公式且没有计算结果，请粘贴为数值' }],
      },
    ]);
  });

  it('reads dates of the 1904 date system', async () => {
    const p = await file(
      '1904.xlsx',
      rawXlsx([{ name: 'Sheet1', xml: sheetData('<row r="1"><c r="A1" s="1"><v>39262</v></c></row>') }], {
        styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="31"/></cellXfs>',
        date1904: true,
      }),
    );
    expect(cellsOf(await rowsOf(p))).toEqual([['2011-06-30']]);
  });

  it('refuses a workbook with only the instructions sheet', async () => {
    const p = await file('only-help.xlsx', rawXlsx([{ name: '填写说明', xml: sheetData('') }]));
    expect((await failure(rowsOf(p))).code).toBe('NO_SHEET');
  });
});

// =============================================================================================

describe('readRows: hostile .xlsx', () => {
  const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>企业名称</t></is></c></row>';

  it('refuses a zip bomb by its compression ratio before inflating it', async () => {
    // 64 MB of one repeated row inflate from ~70 KB: a ratio near 1000.
    const rows = '<row><c t="inlineStr"><is><t>a</t></is></c></row>'.repeat(1_300_000);
    const bomb = rawXlsx([{ name: 'Sheet1', xml: sheetData(header + rows) }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const p = await file('bomb.xlsx', bomb);
    const started = Date.now();
    const error = await failure(sniffFormat(p));
    expect(error.code).toBe('ZIP_BOMB');
    expect(error.message).toMatch(/解压后过大/);
    expect((await failure(rowsOf(p, 'xlsx'))).code).toBe('ZIP_BOMB');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses an entry whose declared size is too big, and one that inflates beyond what it declares', async () => {
    const big = zip([{ name: 'xl/workbook.xml', data: '<workbook/>', declaredSize: 0xfffffff0 }]);
    expect((await failure(sniffFormat(await file('huge.xlsx', big)))).code).toBe('ZIP_BOMB');
    const lying = rawXlsx([{ name: 'Sheet1', xml: sheetData(header) }]);
    const p = await file('lying.xlsx', lying);
    // Set the sheet's declared size (local and central headers) to 10 bytes.
    const bytes = await readFile(p);
    for (let i = 0; i < bytes.length - 4; i++) {
      const sig = bytes.readUInt32LE(i);
      const nameAt = sig === 0x04034b50 ? i + 30 : sig === 0x02014b50 ? i + 46 : -1;
      if (nameAt < 0) continue;
      const nameLength = bytes.readUInt16LE(i + (sig === 0x04034b50 ? 26 : 28));
      if (bytes.toString('utf8', nameAt, nameAt + nameLength) === 'xl/worksheets/sheet1.xml') {
        bytes.writeUInt32LE(10, i + (sig === 0x04034b50 ? 22 : 24));
      }
    }
    await writeFile(p, bytes);
    expect((await failure(rowsOf(p, 'xlsx'))).code).toBe('CORRUPT_FILE');
  });

  it('refuses a zip whose data was damaged, before yielding a row', async () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `<row r="${i + 2}"><c t="inlineStr"><is><t>企业${i}</t></is></c></row>`,
    );
    const p = await file(
      'damaged.xlsx',
      rawXlsx([{ name: 'Sheet1', xml: sheetData(header + rows.join('')) }]),
    );
    const bytes = await readFile(p);
    const sheetAt = bytes.indexOf('xl/worksheets/sheet1.xml') + 200;
    for (let i = 0; i < 16; i++) bytes[sheetAt + i] = bytes[sheetAt + i]! ^ 0x5a;
    await writeFile(p, bytes);
    const seen: SheetRow[] = [];
    const error = await failure(
      (async () => {
        for await (const row of readRows(p, 'xlsx')) seen.push(row);
      })(),
    );
    expect(error.code).toBe('CORRUPT_FILE');
    expect(seen).toEqual([]);
  });

  it('refuses a DOCTYPE (entity expansion) in sheet XML', async () => {
    const p = await file(
      'doctype.xlsx',
      rawXlsx([{ name: 'Sheet1', xml: '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + sheetData(header) }]),
    );
    expect((await failure(rowsOf(p, 'xlsx'))).code).toBe('CORRUPT_FILE');
  });
});

// =============================================================================================

describe('readRows on arbitrary bytes', () => {
  /** Reads a file to the end; any failure must be an ImportFileError, never a crash. */
  async function readAnyway(p: string): Promise<void> {
    try {
      for await (const row of readRows(p, await sniffFormat(p), { maxCellChars: 1000 })) {
        expect(row.row).toBeGreaterThan(0);
        for (const cell of row.cells) expect(typeof cell).toBe('string');
      }
    } catch (err) {
      if (!(err instanceof ImportFileError)) throw err;
    }
  }

  it('fails only with ImportFileError on random bytes and random text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
          fc.string({ unit: 'binary', maxLength: 500 }).map((t) => Buffer.from(t)),
          fc
            .array(
              fc.array(fc.constantFrom('a', '"', ',', '\n', '\r', '企', ' ', '\t', '""'), { maxLength: 20 }),
            )
            .map((lines) => Buffer.from(lines.map((l) => l.join('')).join('\n'))),
        ),
        async (bytes) => readAnyway(await file('random.bin', bytes)),
      ),
      { numRuns: 150 },
    );
  });

  it('fails only with ImportFileError on a damaged .xlsx, wherever the damage is', async () => {
    const book = await xlsx((wb) => {
      const ws = wb.addWorksheet('企业名单');
      ws.addRow(['企业名称', '成立日期', '职工人数']);
      for (let i = 0; i < 50; i++) ws.addRow([`企业${i}`, new Date(Date.UTC(2010, 0, i + 1)), i]);
      ws.mergeCells('A40:A45');
    });
    const original = await readFile(book);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.option(fc.nat({ max: original.length }), { nil: undefined }),
        async (flips, cut) => {
          const bytes = Buffer.from(original.subarray(0, cut ?? original.length));
          for (const [at, mask] of flips) if (at < bytes.length) bytes[at]! ^= mask;
          await readAnyway(await file('damaged.xlsx', bytes));
        },
      ),
      { numRuns: 150 },
    );
  });
});

// =============================================================================================

describe('the template', () => {
  it('is read back cleanly: canonical headers, the instructions skipped, a valid example row', async () => {
    const p = path.join(dir, 'template.xlsx');
    await writeTemplate(createWriteStream(p));
    expect(await sniffFormat(p, '企业导入模板.xlsx')).toBe('xlsx');
    const rows = await rowsOf(p);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.cells).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    const mapping = mapHeaders(rows[0]!.cells);
    expect(mapping).toEqual({
      columns: IMPORT_COLUMNS.map((c) => c.key),
      missing: [],
      duplicates: [],
      unknown: [],
    });
    const example = validateRow(2, rows[1]!.cells, mapping.columns, { today: '2025-01-01' });
    if ('errors' in example) throw new Error(JSON.stringify(example.errors));
    expect(example.record.uscc).toBe(IMPORT_COLUMNS[0]!.example);
    expect(example.record.facts.length).toBeGreaterThan(5);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(p);
    const data = wb.getWorksheet('企业名单')!;
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(data.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(data.getColumn(1).numFmt).toBe('@');
    expect(data.getColumn(2).width).toBeGreaterThan(10);
    const help = wb.getWorksheet('填写说明')!;
    const helpText = JSON.stringify(help.getSheetValues());
    for (const word of ['必填', '选填', '港澳台投资', '是 / 否', '2011年6月30日'])
      expect(helpText).toContain(word);
  });
});

describe('formatExcelNumber', () => {
  it.each([
    [120, '120'],
    [0.1 + 0.2, '0.3'],
    [1234.5, '1234.5'],
    [-3, '-3'],
    [Number('913205001234567890'), '913205001234568000'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [Number('123456789012.345678'), '123456789012.346'],
  ])('%s → %s', (value, text) => {
    expect(formatExcelNumber(value)).toBe(text);
  });
});
