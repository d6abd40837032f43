// The assessment report of a year (or of one batch): every studio with its district, level, the
// score of each criterion, the total, the result and the city's comment, as xlsx; and as a Word
// report in the official layout (platform/word.ts) with the counts of excellent, pass and fail
// studios, the revoked ones and the table of results.
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  WidthType,
} from 'docx';
import type { z } from 'zod';
import { requireAccess, type Actor } from '../../platform/access';
import { now } from '../../platform/clock';
import { db } from '../../platform/db/client';
import type { PreparedDownload } from '../../platform/downloads';
import { notFound } from '../../platform/errors';
import { sheet, writeSheets, type SheetColumn } from '../../platform/spreadsheets/write-sheet';
import { chinaToday, chineseDate } from '../../platform/shared/dates';
import {
  BODY_SIZE,
  FIRST_LINE_INDENT,
  FONTS,
  font,
  GRID_LINE,
  LINE_PITCH,
  mm,
  officialDocx,
  TEXT_WIDTH,
  text,
} from '../../platform/word';
import { orgRefs } from '../../orgs/service';
import { studioBatchNames } from '../register/studios-service';
import { STUDIO_LEVEL_LABELS } from '../register/contract';
import {
  ASSESSMENT_STATE_LABELS,
  RESULT_LABELS,
  type AssessmentView,
  type Criterion,
  type ReportQuery,
} from './contract';
import { assessmentsFor } from './service';
import { assessmentSheets } from './tables';
import { eq } from 'drizzle-orm';

/** One studio's line of the report. */
export interface ReportRow {
  view: AssessmentView;
  scores: Map<string, number>;
}

export interface ReportData {
  year: number;
  batchName: string | null;
  title: string;
  issuer: string;
  criteria: Criterion[];
  rows: ReportRow[];
  counts: { total: number; reviewed: number; excellent: number; pass: number; fail: number; revoked: number };
}

/** Gathers the report of the actor's scope (404 for a batch that does not exist). */
export async function reportData(actor: Actor, query: z.output<typeof ReportQuery>): Promise<ReportData> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => {
    let batchName: string | null = null;
    if (query.batchId) {
      batchName = (await studioBatchNames(tx, [query.batchId])).get(query.batchId) ?? null;
      if (!batchName) throw notFound('批次');
    }
    const { rows, views } = await assessmentsFor(tx, actor, {
      year: query.year,
      batchId: query.batchId,
      orgId: query.orgId,
    });
    const [yearSheet] = await tx.select().from(assessmentSheets).where(eq(assessmentSheets.year, query.year));
    const issuer = (await orgRefs(tx, [actor.orgId])).get(actor.orgId)?.name ?? actor.displayName;
    const count = (r: string) => views.filter((v) => v.finalResult === r).length;
    const ordered = views
      .map((view, i) => ({ view, scores: new Map(rows[i]!.scores.map((s) => [s.key, s.score])) }))
      .sort(
        (a, b) =>
          a.view.district.localeCompare(b.view.district, 'zh-CN') ||
          a.view.studio.name.localeCompare(b.view.studio.name, 'zh-CN'),
      );
    return {
      year: query.year,
      batchName,
      title: `${query.year}年度劳模创新工作室督察考核情况报告${batchName ? `（${batchName}）` : ''}`,
      issuer,
      criteria: yearSheet?.criteria ?? [],
      rows: ordered,
      counts: {
        total: views.length,
        reviewed: views.filter((v) => v.state === 'reviewed').length,
        excellent: count('excellent'),
        pass: count('pass'),
        fail: count('fail'),
        revoked: views.filter((v) => v.revokedStudio).length,
      },
    };
  });
}

const resultText = (v: AssessmentView) =>
  v.finalResult
    ? RESULT_LABELS[v.finalResult]
    : v.proposedResult
      ? `${RESULT_LABELS[v.proposedResult]}（初评）`
      : ASSESSMENT_STATE_LABELS[v.state];

/** The report as xlsx: one line per studio, a column per criterion. */
export async function prepareReportXlsx(
  actor: Actor,
  query: z.output<typeof ReportQuery>,
): Promise<PreparedDownload> {
  const data = await reportData(actor, query);
  const columns: SheetColumn<ReportRow>[] = [
    { header: '工作室', width: 30, value: (r) => r.view.studio.name },
    { header: '依托单位', width: 28, value: (r) => r.view.studio.hostUnitName },
    { header: '所属地区', width: 16, value: (r) => r.view.district },
    { header: '级别', width: 22, value: (r) => STUDIO_LEVEL_LABELS[r.view.level] },
    { header: '命名批次', width: 18, value: (r) => r.view.batch?.name ?? null },
    ...data.criteria.map((c) => ({
      header: `${c.label}（权重${c.weight}%，满分${c.maxScore}）`,
      width: 14,
      value: (r: ReportRow) => r.scores.get(c.key) ?? null,
    })),
    {
      header: '总分',
      width: 9,
      value: (r) => (r.view.total === null ? null : Number(r.view.total)),
      numFmt: '0.00',
    },
    { header: '考核结果', width: 12, value: (r) => resultText(r.view) },
    { header: '审定意见', width: 30, value: (r) => r.view.reviewComment },
    { header: '摘牌', width: 8, value: (r) => (r.view.revokedStudio ? '是' : null) },
    { header: '拟表彰宣传', width: 10, value: (r) => (r.view.flagged ? '是' : null) },
  ];
  return {
    filename: `${data.title}.xlsx`,
    write: (output) =>
      writeSheets(output, [
        sheet({ sheetName: '考核结果', title: data.title, columns, pages: once(data.rows) }),
      ]),
  };
}

async function* once<T>(items: T[]): AsyncGenerator<T[]> {
  yield await Promise.resolve(items);
}

const body = (value: string, indent = true) =>
  new Paragraph({
    spacing: GRID_LINE,
    alignment: AlignmentType.JUSTIFIED,
    ...(indent ? { indent: FIRST_LINE_INDENT } : {}),
    children: [text(value)],
  });

const heading = (value: string) =>
  new Paragraph({
    spacing: GRID_LINE,
    indent: FIRST_LINE_INDENT,
    keepNext: true,
    children: [text(value, { font: font(FONTS.heading) })],
  });

const blank = () => new Paragraph({ spacing: GRID_LINE, children: [] });

const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: line, bottom: line, left: line, right: line };
/** 五号 in half-points: the table is set smaller than the body so that the criteria fit. */
const TABLE_SIZE = 21;

function cell(value: string, width: number, bold = false) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [text(value, { size: TABLE_SIZE, ...(bold ? { font: font(FONTS.heading) } : {}) })],
      }),
    ],
  });
}

const SHORT_LEVEL = { city: '市级', province: '省级', national: '全国' } as const;

function resultsTable(data: ReportData): Table {
  const fixed = { no: mm(9), district: mm(20), level: mm(11), total: mm(13), result: mm(16) };
  const criterionWidth = data.criteria.length
    ? Math.min(mm(14), Math.floor(mm(70) / data.criteria.length))
    : 0;
  const nameWidth =
    TEXT_WIDTH - Object.values(fixed).reduce((a, b) => a + b, 0) - criterionWidth * data.criteria.length;
  const header = new TableRow({
    tableHeader: true,
    children: [
      cell('序号', fixed.no, true),
      cell('工作室（依托单位）', nameWidth, true),
      cell('所属地区', fixed.district, true),
      cell('级别', fixed.level, true),
      ...data.criteria.map((c) => cell(`${c.label}（${c.weight}%）`, criterionWidth, true)),
      cell('总分', fixed.total, true),
      cell('结果', fixed.result, true),
    ],
  });
  const rows = data.rows.map(
    (r, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(i + 1), fixed.no),
          cell(`${r.view.studio.name}（${r.view.studio.hostUnitName}）`, nameWidth),
          cell(r.view.district, fixed.district),
          cell(SHORT_LEVEL[r.view.level], fixed.level),
          ...data.criteria.map((c) =>
            cell(r.scores.has(c.key) ? String(r.scores.get(c.key)) : '', criterionWidth),
          ),
          cell(r.view.total ?? '', fixed.total),
          cell(resultText(r.view) + (r.view.revokedStudio ? '，摘牌' : ''), fixed.result),
        ],
      }),
  );
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, rows: [header, ...rows] });
}

/** The Word report in the official layout. */
export async function reportDocx(data: ReportData, today: string): Promise<Buffer> {
  const c = data.counts;
  const names = (result: string) =>
    data.rows.filter((r) => r.view.finalResult === result).map((r) => r.view.studio.name);
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE_PITCH * 2, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [text(data.title, { font: font(FONTS.title), size: 44 })],
    }),
    blank(),
  ];
  const open = c.total - c.reviewed;
  out.push(
    body(
      `按照劳模创新工作室督察考核办法，${data.year}年度共对${data.batchName ?? ''}${c.total}家劳模创新工作室开展督察考核。` +
        `经所在地区工会评分、市总工会审定，优秀${c.excellent}家、合格${c.pass}家、不合格${c.fail}家` +
        (c.revoked ? `，其中${c.revoked}家因连续不合格予以摘牌` : '') +
        (open ? `；另有${open}家尚未完成审定` : '') +
        '。现将考核情况报告如下：',
    ),
  );
  const groups: [string, string[]][] = [
    ['优秀', names('excellent')],
    ['不合格', names('fail')],
    ['摘牌', data.rows.filter((r) => r.view.revokedStudio).map((r) => r.view.studio.name)],
  ];
  const numbers = '一二三四五六';
  let n = 0;
  for (const [title, list] of groups) {
    if (!list.length) continue;
    out.push(heading(`${numbers[n++]}、${title}（${list.length}家）`), body(list.join('、')));
  }
  const comments = data.rows.filter((r) => r.view.reviewComment);
  if (comments.length) {
    out.push(heading(`${numbers[n++]}、审定意见`));
    comments.forEach((r, i) => out.push(body(`${i + 1}. ${r.view.studio.name}：${r.view.reviewComment}`)));
  }
  out.push(blank(), heading('附：考核结果表'));
  if (data.criteria.length)
    out.push(
      body(
        `考核指标：${data.criteria.map((x) => `${x.label}（权重${x.weight}%，满分${x.maxScore}分）`).join('；')}。`,
      ),
    );
  out.push(resultsTable(data));
  out.push(
    blank(),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: GRID_LINE,
      indent: { right: BODY_SIZE * 40 },
      children: [text(data.issuer)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: GRID_LINE,
      indent: { right: BODY_SIZE * 40 },
      children: [text(chineseDate(today))],
    }),
  );
  return officialDocx({ creator: data.issuer, title: data.title, body: out });
}

/** The report as Word bytes with its file name. */
export async function reportWord(
  actor: Actor,
  query: z.output<typeof ReportQuery>,
): Promise<{ filename: string; content: Buffer }> {
  const data = await reportData(actor, query);
  return { filename: `${data.title}.docx`, content: await reportDocx(data, chinaToday(now())) };
}
