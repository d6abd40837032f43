// Figures in an item's text (32.27亿美元, 415项, 49位, 1000多名职工, 210.69%): found so the editor
// can check them against the source, and kept as data (`text_figures`) for later reporting.
//
// A figure is a number in Arabic digits (with thousands separators and decimals, half- or
// full-width), an optional approximation word (多, 余, 近, 约, 逾, 超), an optional magnitude (万, 亿,
// 千, 百, 万亿) and a unit from the list below, or a percent sign. Dates (2026年, 3月, 15日) and
// bare numbers are not figures. The value is normalised by the magnitude (32.27亿美元 is
// 3,227,000,000 美元); the raw text is kept as written.
import { and, eq, inArray } from 'drizzle-orm';
import { mapBreathing } from '../platform/breathe';
import type { Db } from '../platform/db/client';
import { newId } from '../platform/ids';
import { bulletinIssueItems, submissions, textFigures } from './tables';

export interface Figure {
  /** The text as written, e.g. 1000多名. */
  raw: string;
  /** The number with the magnitude applied. */
  value: number;
  /** The unit without the magnitude: 美元, 名, %. */
  unit: string;
  /** 多/余/近/约/逾/超: the number is not exact. */
  approximate: boolean;
  /** Where the figure starts in the text (characters). */
  position: number;
}

// Longer units first so that 平方米 wins over 米 and 人次 over 人.
const UNITS = [
  '美元',
  '港元',
  '欧元',
  '元',
  '平方公里',
  '平方米',
  '公里',
  '千米',
  '米',
  '公顷',
  '亩',
  '吨',
  '千瓦时',
  '人次',
  '户次',
  '场次',
  '人',
  '名',
  '位',
  '家',
  '个',
  '项',
  '件',
  '次',
  '场',
  '期',
  '批',
  '户',
  '所',
  '支',
  '份',
  '篇',
  '条',
  '本',
  '套',
  '台',
  '辆',
  '班',
  '届',
  '组',
  '队',
  '岗',
  '节',
  '课时',
  '学时',
  '小时',
  '天',
  '倍',
  '岁',
].sort((a, b) => b.length - a.length);

const MAGNITUDES: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, 千: 1e3, 百: 1e2 };
/** Words before a number that make it approximate (近3000名, 约5万元). */
const BEFORE = '近约逾超';

const FIGURE = new RegExp(
  [
    `([${BEFORE}])?`, // 1: a leading approximation
    '([0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)', // 2: the number
    `([多余])?`, // 3: a trailing approximation (1000多, 300余)
    '(万亿|亿|万|千|百)?', // 4: the magnitude
    `([多余])?`, // 5: 3万多, 2亿余
    `(%|％|${UNITS.join('|')})?`, // 6: the unit
  ].join(''),
  'g',
);

function halfWidth(text: string): string {
  return text.replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** The figures of a text, in order of appearance. */
export function figuresOf(text: string): Figure[] {
  const figures: Figure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const [raw, before, digits, after, magnitude, after2, unitWritten] = m;
    const start = m.index;
    // A number glued to a Latin letter is a code or a name; 第3期 is an ordinal.
    const prev = text[start - 1] ?? '';
    if (/[A-Za-z0-9第]/.test(prev)) continue;
    let unit = unitWritten ?? '';
    if (!unit && !magnitude) continue;
    if (unit === '％') unit = '%';
    const number = Number(halfWidth(digits!).replace(/,/g, ''));
    if (!Number.isFinite(number)) continue;
    // A magnitude alone (3万) counts things unnamed; keep it with an empty unit.
    const value = number * (magnitude ? MAGNITUDES[magnitude]! : 1);
    figures.push({
      raw: raw.trim(),
      value: Number(value.toPrecision(15)),
      unit,
      approximate: Boolean(before ?? after ?? after2),
      position: start,
    });
  }
  return figures;
}

type FigureSource = 'submission' | 'issue_item';

/** Replaces the stored figures of some texts (the caller's transaction). */
export async function writeFigures(
  tx: Db,
  source: FigureSource,
  texts: { id: string; title: string; body: string }[],
): Promise<void> {
  if (!texts.length) return;
  await tx.delete(textFigures).where(
    and(
      eq(textFigures.source, source),
      inArray(
        textFigures.sourceId,
        texts.map((t) => t.id),
      ),
    ),
  );
  const found = await mapBreathing(texts, (t) => ({ t, figures: figuresOf(`${t.title}\n${t.body}`) }));
  const rows = found.flatMap(({ t, figures }) =>
    figures.map((f, position) => ({
      id: newId(),
      source,
      sourceId: t.id,
      position,
      raw: f.raw,
      value: String(f.value),
      unit: f.unit,
      approximate: f.approximate,
    })),
  );
  for (let i = 0; i < rows.length; i += 500) await tx.insert(textFigures).values(rows.slice(i, i + 500));
}

/** The stored figures of one text, in order. */
export async function storedFigures(
  tx: Db,
  source: FigureSource,
  id: string,
): Promise<Omit<Figure, 'position'>[]> {
  const rows = await tx
    .select()
    .from(textFigures)
    .where(and(eq(textFigures.source, source), eq(textFigures.sourceId, id)))
    .orderBy(textFigures.position);
  return rows.map((r) => ({ raw: r.raw, value: Number(r.value), unit: r.unit, approximate: r.approximate }));
}

/** Refreshes the figures of submissions from their printed text (the editor's version if any). */
export async function refreshSubmissionFigures(tx: Db, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const rows = await tx
    .select({
      id: submissions.id,
      title: submissions.title,
      body: submissions.body,
      editedTitle: submissions.editedTitle,
      editedBody: submissions.editedBody,
    })
    .from(submissions)
    .where(inArray(submissions.id, ids));
  await writeFigures(
    tx,
    'submission',
    rows.map((r) => ({ id: r.id, title: r.editedTitle ?? r.title, body: r.editedBody ?? r.body })),
  );
}

/** Refreshes the figures of the items of an issue. */
export async function refreshIssueFigures(tx: Db, issueId: string): Promise<void> {
  const rows = await tx
    .select({ id: bulletinIssueItems.id, title: bulletinIssueItems.title, body: bulletinIssueItems.body })
    .from(bulletinIssueItems)
    .where(eq(bulletinIssueItems.issueId, issueId));
  await writeFigures(tx, 'issue_item', rows);
}
