import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx } from './fixtures/make-docx';
import { FLAGS, UNPLACED_COLUMN, parseLegacyBulletin, type LegacyBulletin } from './parse';
import { parseLegacyFile } from './read-file';

const SAMPLE = readFileSync(new URL('./fixtures/legacy-bulletin-2012-08.txt', import.meta.url), 'utf8');

/** Everything the parsed bulletin holds, as text: what the input's characters must all reach. */
function textOf(b: LegacyBulletin): string {
  const parts: string[] = [...b.masthead];
  for (const column of b.columns) {
    // 未分栏 is the parser's name for text outside any column, not text of the file.
    if (column.name !== UNPLACED_COLUMN) parts.push(column.name);
    for (const item of column.items) {
      // A brief's title is its first sentence: the full stop that ended it is not kept.
      parts.push(item.kind === 'brief' && item.title !== '' ? `${item.title}。` : item.title);
      parts.push(item.body, item.sources.join(''));
    }
  }
  const { issuedTo, report, send, issue } = b.distribution;
  for (const value of [issuedTo, report, send, issue]) if (value !== null) parts.push(value);
  if (b.printCount !== null) parts.push(`共印${b.printCount}份`);
  return parts.join('\n');
}

// Not compared: spaces of every kind, the brackets and separators that the structure replaces
// (【栏目】, （来源、来源）), the labels of distribution lines (报：, 本期印发：), control
// characters (removed on purpose), and lines of rule characters (the printed layout's rules).
const IGNORED = /[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff【】〖〗［］（）()、，,;；/／：:]/u;
// eslint-disable-next-line no-control-regex -- the control characters the parser removes
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;
const DISTRIBUTION_LABEL =
  /^[\s\u3000\ufeff]*(本期印发|印发|分送|抄送|报送|抄报|发送|报|送|发)[\s\u3000]*[：:]/;
const RULE = /^[-—─━═=＝_＿~～·*＊★☆◆◇]{3,}$/;

function characters(text: string): string {
  return Array.from(text)
    .filter((ch) => !IGNORED.test(ch))
    .sort()
    .join('');
}

function inputCharacters(input: string): string {
  const lines = input
    .replace(CONTROL, '')
    .split(/\r\n|\r|\n|\f|\u2028|\u2029/)
    .filter((line) => !RULE.test(line.replace(/[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]/g, '')))
    .map((line) => line.replace(DISTRIBUTION_LABEL, ''));
  return characters(lines.join('\n'));
}

function expectNothingLost(input: string, parsed: LegacyBulletin) {
  expect(characters(textOf(parsed))).toBe(inputCharacters(input));
}

const summary = (b: LegacyBulletin) =>
  b.columns.map((c) => ({
    name: c.name,
    items: c.items.map((i) => [i.title, i.sources.join('、'), i.kind, i.flagged]),
  }));

describe('the 2012-08 sample', () => {
  const parsed = parseLegacyBulletin(SAMPLE, { fileName: 'legacy-bulletin-2012-08.txt' });

  it('has every column, item, title and source in place', () => {
    expect(summary(parsed)).toEqual([
      {
        name: '工作动态',
        items: [
          ['市总工会召开三季度工作推进会', '市总办公室', 'full', null],
          ['', '市总组织部、市总宣教部', 'full', FLAGS.untitled],
          ['昆山市开展“安康杯”安全知识竞赛', '昆山市总工会', 'full', null],
        ],
      },
      {
        name: '工作简讯',
        items: [
          ['张家港市总工会开展夏季送清凉活动', '张家港市总工会', 'brief', null],
          ['相城区召开劳模创新工作室建设现场会', '相城区总工会、市总生产部', 'brief', null],
          ['市邮政局工会举办职工书画摄影展', '市邮政局工会', 'brief', null],
        ],
      },
    ]);
  });

  it('keeps bodies whole, without indentation or the sources', () => {
    const [news, briefs] = parsed.columns;
    expect(news!.items[0]!.body).toBe(
      '8月3日，市总工会召开三季度工作推进会，听取各县级市、区总工会关于工资集体协商和职代会建制工作的进展情况。会议要求，各地要对照年度目标逐项梳理，确保年底前完成建制任务；要加强对新建工会的跟踪指导，帮助基层工会规范换届选举。',
    );
    expect(news!.items[1]!.body).toMatch(/^近日，市总工会组织召开非公企业工会主席座谈会.*活动阵地建设。$/);
    expect(news!.items[2]!.body).toMatch(/^日前，昆山市总工会.*受教育职工达2\.3万人次。$/);
    expect(briefs!.items.map((i) => i.body)).toEqual([
      '7月下旬，张家港市总工会班子成员分赴建筑工地、港口码头等一线，慰问高温下坚守岗位的职工，送去防暑降温物品价值15万元。',
      '会议参观了2家区级劳模创新工作室，交流了工作室在技术攻关、人才培养方面的经验做法。',
      '展览共展出职工作品120余件。',
    ]);
  });

  it('reads the distribution; the year comes from the file name, with a warning', () => {
    expect(parsed.distribution).toEqual({
      issuedTo: null,
      report: '省总工会办公室，市委办公室、市政府办公室',
      send: '市人大常委会办公室、市政协办公室',
      issue: '各市（县）、区总工会，市各产业（系统）工会，各直属单位工会',
    });
    expect(parsed.printCount).toBeNull();
    expect([parsed.series, parsed.year, parsed.number, parsed.date]).toEqual([null, 2012, null, null]);
    expect(parsed.warnings).toEqual([
      '报头中没有年份，已按文件名取为 2012 年，请编辑核对',
      '未识别到期号（第N期），请编辑填写',
      '共有 1 条信息需要编辑核对（见各条的标注）',
    ]);
  });

  it('loses no character', () => {
    expectNothingLost(SAMPLE, parsed);
  });

  it('reads the same with CRLF line ends, a BOM and full-width indentation', () => {
    const messy = '\ufeff' + SAMPLE.replace(/^ {4}/gm, '\u3000\u3000').replace(/\n/g, '\r\n');
    const again = parseLegacyBulletin(messy, { fileName: 'legacy-bulletin-2012-08.txt' });
    expect(again).toEqual(parsed);
    const oldMac = parseLegacyBulletin(SAMPLE.replace(/\n/g, '\r'), {
      fileName: 'legacy-bulletin-2012-08.txt',
    });
    expect(oldMac).toEqual(parsed);
  });

  it('reads the same with stray spaces inside headers and between Chinese characters', () => {
    const messy = SAMPLE.replace('【工作简讯】', '\u3000【 工作 简讯 】  ').replace(
      '市总工会召开三季度工作推进会\n',
      '市总工会 召开三季度\u3000工作推进会 \n',
    );
    expect(parseLegacyBulletin(messy, { fileName: 'legacy-bulletin-2012-08.txt' })).toEqual(parsed);
  });
});

const MASTHEAD = `工 作 动 态
2012年第15期（总第186期）
苏州市总工会办公室编            2012年8月10日
━━━━━━━━━━━━━━━━━━━━
`;

describe('the masthead and the footer', () => {
  it('reads series, numbers, editing unit and date; the print count from its line', () => {
    const text = `${MASTHEAD}【工作动态】\n标题一\n正文一。（甲工会）\n\n本期印发：各区总工会，市各产业工会\n（共印200份）\n`;
    const b = parseLegacyBulletin(text);
    expect([b.series, b.year, b.number, b.totalNumber, b.supplement, b.editor, b.date]).toEqual([
      '工作动态',
      2012,
      15,
      186,
      false,
      '苏州市总工会办公室',
      '2012-08-10',
    ]);
    expect(b.masthead).toEqual([
      '工作动态',
      '2012年第15期（总第186期）',
      '苏州市总工会办公室编 2012年8月10日',
    ]);
    expect(b.distribution.issuedTo).toBe('各区总工会，市各产业工会');
    expect(b.printCount).toBe(200);
    expect(b.warnings).toEqual([]);
    expectNothingLost(text, b);
  });

  it('reads a supplement, Chinese numerals, and a print count at the end of the last line', () => {
    const text =
      '工作动态\n增刊第二期\n市总工会办公室    二〇一三年三月五日\n【创先争优】\n标题\n正文。\n（乙工会）\n' +
      '报：省总工会\n发：各区总工会，\n      市各产业工会          共印 120 份\n';
    const b = parseLegacyBulletin(text);
    expect([b.supplement, b.number, b.year, b.date, b.editor]).toEqual([
      true,
      2,
      2013,
      '2013-03-05',
      '市总工会办公室',
    ]);
    expect(b.distribution).toEqual({
      issuedTo: null,
      report: '省总工会',
      send: null,
      issue: '各区总工会，\n市各产业工会',
    });
    expect(b.printCount).toBe(120);
    expectNothingLost(text, b);
  });

  it('warns about an impossible date and keeps it in the masthead', () => {
    const text = '工作动态\n第3期\n2012年2月30日\n【工作动态】\n标题\n正文。（甲）\n';
    const b = parseLegacyBulletin(text);
    expect(b.date).toBeNull();
    expect(b.warnings).toContain('报头日期“2012年2月30日”不是有效日期，请编辑核对');
    expect(b.masthead).toContain('2012年2月30日');
  });
});

describe('items', () => {
  it('takes sources on their own line, after many spaces, or right after the full stop', () => {
    const b = parseLegacyBulletin(
      '【工作动态】\n标题一\n正文一。\n（甲工会）\n标题二\n正文二。' +
        ' '.repeat(40) +
        '（乙工会）\n标题三\n第一段。\n第二段。（丙工会、丁部）\n',
    );
    expect(b.columns[0]!.items.map((i) => [i.title, i.body, i.sources, i.flagged])).toEqual([
      ['标题一', '正文一。', ['甲工会'], null],
      ['标题二', '正文二。', ['乙工会'], null],
      ['标题三', '第一段。\n第二段。', ['丙工会', '丁部'], null],
    ]);
  });

  it('splits sources on 、 ， , and spaces, and keeps nested brackets in a unit', () => {
    const b = parseLegacyBulletin(
      '【工作动态】\n标题\n正文。（甲工会，乙工会,丙工会  丁工会\u3000戊工会、各市（县）总工会）\n',
    );
    expect(b.columns[0]!.items[0]!.sources).toEqual([
      '甲工会',
      '乙工会',
      '丙工会',
      '丁工会',
      '戊工会',
      '各市（县）总工会',
    ]);
  });

  it('does not take a bracket inside a sentence, a year or （完） for sources', () => {
    const text = '【工作动态】\n标题\n会议通过了《章程（草案）》\n（2012年）\n（完）\n';
    const b = parseLegacyBulletin(text);
    const item = b.columns[0]!.items[0]!;
    expect(item.sources).toEqual([]);
    expect(item.flagged).toBe(FLAGS.noSources);
    expect(item.body).toBe('会议通过了《章程（草案）》\n（2012年）\n（完）');
  });

  it('keeps and flags an item that starts without a title', () => {
    const text = '【工作动态】\n\u3000\u3000近日，某区总工会召开会议，部署下半年工作。（某区总工会）\n';
    const item = parseLegacyBulletin(text).columns[0]!.items[0]!;
    expect(item).toEqual({
      title: '',
      body: '近日，某区总工会召开会议，部署下半年工作。',
      sources: ['某区总工会'],
      kind: 'full',
      flagged: FLAGS.untitled,
    });
  });

  it('flags an item without sources and starts the next at the next title', () => {
    const b = parseLegacyBulletin('【工作动态】\n标题一\n正文一。\n标题二\n正文二。（乙）\n');
    expect(b.columns[0]!.items.map((i) => [i.title, i.sources, i.flagged])).toEqual([
      ['标题一', [], FLAGS.noSources],
      ['标题二', ['乙'], null],
    ]);
  });

  it('keeps sub-headings like 一、 inside the body', () => {
    const b = parseLegacyBulletin('【工作动态】\n标题\n导语。\n一、加强组织领导\n具体内容。（甲）\n');
    expect(b.columns[0]!.items).toHaveLength(1);
    expect(b.columns[0]!.items[0]!.body).toBe('导语。\n一、加强组织领导\n具体内容。');
  });

  it('ends a brief title at the first full stop outside quotation marks', () => {
    const text = '【工作简讯】\n某厂开展“学技术。练本领”竞赛活动。共有200名职工参加。（某厂工会）\n';
    const b = parseLegacyBulletin(text);
    expect(b.columns[0]!.items[0]).toMatchObject({
      title: '某厂开展“学技术。练本领”竞赛活动',
      body: '共有200名职工参加。',
      kind: 'brief',
      flagged: null,
    });
    expectNothingLost(text, b);
  });

  it('reads a titled item inside a brief column as a full item', () => {
    const b = parseLegacyBulletin('【工作简讯】\n一个标题\n正文。（甲）\n短讯一。内容。（乙）\n');
    expect(b.columns[0]!.items.map((i) => [i.title, i.kind, i.body])).toEqual([
      ['一个标题', 'full', '正文。'],
      ['短讯一', 'brief', '内容。'],
    ]);
  });

  it('keeps sources that follow nothing as a flagged item', () => {
    const b = parseLegacyBulletin('【工作动态】\n标题\n正文。（甲）\n（乙工会）\n');
    expect(b.columns[0]!.items[1]).toEqual({
      title: '',
      body: '',
      sources: ['乙工会'],
      kind: 'full',
      flagged: FLAGS.orphanSources,
    });
  });

  it('takes text after a column header on the same line as the column’s first line', () => {
    const b = parseLegacyBulletin('【工作动态】标题\n正文。（甲）\n');
    expect(b.columns[0]!.items[0]).toMatchObject({ title: '标题', body: '正文。', sources: ['甲'] });
  });
});

describe('files with less structure', () => {
  it('puts text before the first column into 未分栏, flagged', () => {
    const text = '一段说明文字，没有栏目。（甲）\n【工作动态】\n标题\n正文。（乙）\n';
    const b = parseLegacyBulletin(text);
    expect(b.columns.map((c) => c.name)).toEqual([UNPLACED_COLUMN, '工作动态']);
    expect(b.columns[0]!.items[0]!.flagged).toBe(`${FLAGS.untitled}；${FLAGS.unplaced}`);
    expect(b.warnings).toContain('第一个栏目之前有正文，已放入“未分栏”，请编辑核对');
    expectNothingLost(text, b);
  });

  it('parses items of a file without columns into 未分栏, each flagged', () => {
    const text = '工作动态\n第5期\n标题一\n正文一。（甲）\n标题二\n正文二。（乙）\n报：省总工会\n';
    const b = parseLegacyBulletin(text);
    expect(b.number).toBe(5);
    expect(b.columns).toHaveLength(1);
    expect(b.columns[0]!.name).toBe(UNPLACED_COLUMN);
    expect(b.columns[0]!.items.map((i) => [i.title, i.sources, i.flagged])).toEqual([
      ['标题一', ['甲'], FLAGS.noColumn],
      ['标题二', ['乙'], FLAGS.noColumn],
    ]);
    expect(b.warnings).toContain('原文没有【栏目】标记，全部信息已放入“未分栏”，请编辑指定栏目');
    expectNothingLost(text, b);
  });

  it('keeps a file with no recognisable structure as one flagged item', () => {
    const text = '这是一封信。\n\n  各位同事：\n下周一开会，请准时参加。\n第3期\n';
    const b = parseLegacyBulletin(text);
    expect(b.columns).toEqual([
      {
        name: UNPLACED_COLUMN,
        items: [
          {
            title: '',
            body: '这是一封信。\n各位同事：\n下周一开会，请准时参加。\n第3期',
            sources: [],
            kind: 'full',
            flagged: FLAGS.noStructure,
          },
        ],
      },
    ]);
    expect(b.warnings[0]).toBe(
      '未能识别文件结构（没有【栏目】、来源单位或分发范围），已将全部文字作为一条信息保留，请编辑拆分核对',
    );
    expect(b.number).toBeNull();
    expectNothingLost(text, b);
  });

  it('keeps garbage text, without control characters, and says the file looks wrong', () => {
    const garbage =
      'PK\u0003\u0004\u0000\u0000\u0014\u0000\ufffd\ufffdW\u0001\u0002\ufffd\u0007\u0010x\ufffd\n\u0000\u0000\ufffd\ufffd\ufffd';
    const b = parseLegacyBulletin(garbage);
    expect(b.columns[0]!.items[0]!.flagged).toBe(FLAGS.noStructure);
    expect(b.columns[0]!.items[0]!.body).not.toMatch(CONTROL);
    expect(b.warnings[0]).toMatch(/^文件含有大量乱码或控制字符/);
    expect(b.warnings[1]).toMatch(/^已删除 \d+ 个不可见的控制字符$/);
    expectNothingLost(garbage, b);
  });

  it('reads an empty or blank file as no columns, with a warning', () => {
    for (const text of ['', '\ufeff', ' \r\n\u3000\n\t\n']) {
      const b = parseLegacyBulletin(text);
      expect(b.columns).toEqual([]);
      expect(b.warnings).toEqual(['文件没有文字内容']);
    }
  });
});

describe('random bulletin-like text', () => {
  const spaces = fc.constantFrom('', ' ', '  ', '\u3000', '\u3000\u3000', '\t', '      ');
  const cjk = fc.string({
    unit: fc.integer({ min: 0x4e00, max: 0x4e80 }).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 12,
  });
  const sentence = fc
    .tuple(
      cjk,
      fc.constantFrom('。', '，', '；', '！', ''),
      fc.option(fc.constantFrom('“引号。内”', '12.5%', '（附件）')),
    )
    .map(([a, p, q]) => `${a}${q ?? ''}${p}`);
  const sources = fc
    .array(cjk, { minLength: 1, maxLength: 3 })
    .chain((units) => fc.constantFrom('、', '，', ',', ' ').map((sep) => `（${units.join(sep)}）`));
  const piece = fc.oneof(
    fc
      .tuple(spaces, fc.constantFrom('工作动态', '工作简讯', '创先争优', '工 作 简 讯'), spaces)
      .map(([a, name, b]) => `${a}【${b}${name}${a}】${b}`),
    fc.tuple(spaces, cjk).map(([s, t]) => s + t),
    fc
      .tuple(spaces, fc.array(sentence, { minLength: 1, maxLength: 4 }), fc.option(fc.tuple(spaces, sources)))
      .map(([s, body, src]) => s + body.join('') + (src ? src[0] + src[1] : '')),
    fc.tuple(spaces, sources).map(([s, src]) => s + src),
    fc
      .tuple(fc.constantFrom('本期印发', '报', '送', '发'), fc.constantFrom('：', ':'), cjk)
      .map(([l, c, v]) => l + c + v),
    fc.nat({ max: 9999 }).map((n) => `（共印${n}份）`),
    fc.constantFrom(
      '工作动态',
      '第12期',
      '2012年第3期（总第99期）',
      '苏州市总工会办公室   2012年8月10日',
      '━━━━━━',
      '增刊',
    ),
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
  const file = fc
    .tuple(fc.array(piece, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r', '\n\n'), fc.boolean())
    .map(([pieces, eol, bom]) => (bom ? '\ufeff' : '') + pieces.join(eol));

  it('never throws, never loses a character, and flags every item it is unsure of', () => {
    fc.assert(
      fc.property(file, (text) => {
        const b = parseLegacyBulletin(text, { fileName: 'x.txt' });
        expectNothingLost(text, b);
        for (const column of b.columns) {
          expect(column.name).not.toBe('');
          for (const item of column.items) {
            if (item.flagged === null) {
              expect(item.title).not.toBe('');
              expect(item.sources.length).toBeGreaterThan(0);
            }
            expect(item.title + item.body + item.sources.join('')).not.toBe('');
          }
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('the file paths', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gonghui-legacy-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a .docx of the sample parses exactly as the .txt', async () => {
    const txt = path.join(dir, 'legacy-bulletin-2012-08.txt');
    const docx = path.join(dir, 'legacy-bulletin-2012-08.docx');
    await writeFile(txt, SAMPLE);
    await writeFile(docx, makeDocx(SAMPLE.split('\n')));
    const fromText = await parseLegacyFile(txt);
    expect(fromText).toEqual(parseLegacyBulletin(SAMPLE, { fileName: 'legacy-bulletin-2012-08.txt' }));
    expect(await parseLegacyFile(docx)).toEqual(fromText);
  });

  it('a GBK text file reads like its UTF-8 original', async () => {
    const gbk = path.join(dir, 'gbk.txt');
    // GB18030 bytes of “【工作动态】\r\n标题\r\n正文。（甲工会）”, as Notepad saved them.
    await writeFile(
      gbk,
      Buffer.from(
        'a1be b9a4 d7f7 b6af ccac a1bf 0d0a b1ea cce2 0d0a d5fd cec4 a1a3 a3a8 bcd7 b9a4 bbe1 a3a9'.replace(
          / /g,
          '',
        ),
        'hex',
      ),
    );
    const b = await parseLegacyFile(gbk);
    expect(b.columns).toEqual([
      {
        name: '工作动态',
        items: [{ title: '标题', body: '正文。', sources: ['甲工会'], kind: 'full', flagged: null }],
      },
    ]);
  });
});

describe('long brief titles', () => {
  it('flags a brief whose first sentence is too long to be a title', () => {
    const first = '某'.repeat(70);
    const b = parseLegacyBulletin(`【工作简讯】\n${first}。后文。（甲）\n`);
    expect(b.columns[0]!.items[0]).toMatchObject({ title: first, kind: 'brief', flagged: FLAGS.longTitle });
  });
});
