// The results of a released contest on paper: the results notice (通报) in the official layout
// (platform/word.ts) with the prize lists, the rules the judges scored by and the table of results;
// and the certificates (奖状), one landscape page per award, with the recipient, the prize, the
// contest, the issuing organisation and the date.
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  WidthType,
} from 'docx';
import { chineseDate } from '../../platform/shared/dates';
import {
  BODY_SIZE,
  FIRST_LINE_INDENT,
  FONTS,
  font,
  GRID_LINE,
  LINE_PITCH,
  mm,
  officialDocx,
  RED,
  TEXT_WIDTH,
  text,
} from '../../platform/word';
import { ENTRY_KIND_LABELS, type CertificateView, type ResultsView } from './contract';
import { PRIZE_LABELS, PRIZES } from './scoring-contract';

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

const CHINESE_NUMBERS = '一二三四五六七八九十';

/** “苏州市总工会（吴中区）” → the entry as the lists print it: name, and unit when it differs. */
export function entryLabel(e: { name: string; unitName: string | null }): string {
  return e.unitName && e.unitName !== e.name ? `${e.name}（${e.unitName}）` : e.name;
}

/** The prize winners grouped by prize, best first, then the extra awards. */
export function awardGroups(view: ResultsView): { title: string; names: string[] }[] {
  const byId = new Map(view.entries.map((e) => [e.id, e]));
  const groups: { title: string; names: string[] }[] = [];
  for (const prize of PRIZES) {
    const winners = view.results.entries.filter((e) => e.prize === prize);
    if (winners.length)
      groups.push({
        title: PRIZE_LABELS[prize],
        names: winners.map((w) => entryLabel(byId.get(w.entryId)!)),
      });
  }
  for (const a of view.extraAwards)
    if (a.entryIds.length)
      groups.push({
        title: a.name,
        names: a.entryIds.flatMap((id) => (byId.has(id) ? [entryLabel(byId.get(id)!)] : [])),
      });
  return groups;
}

const cellBorders = {
  top: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  left: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  right: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
};

function cell(value: string, width: number, bold = false) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: cellBorders,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [text(value, { size: 24, ...(bold ? { font: font(FONTS.heading) } : {}) })],
      }),
    ],
  });
}

/** The table of results: rank, entry, each round's result, total, prize. */
function resultsTable(view: ResultsView): Table {
  const rounds = view.results.rounds;
  const byId = new Map(view.entries.map((e) => [e.id, e]));
  const fixed = [mm(14), mm(22), mm(22)];
  const roundWidth = rounds.length > 1 ? mm(20) : 0;
  const nameWidth = TEXT_WIDTH - fixed.reduce((a, b) => a + b, 0) - roundWidth * rounds.length;
  const header = new TableRow({
    tableHeader: true,
    children: [
      cell('名次', fixed[0]!, true),
      cell(ENTRY_KIND_LABELS[view.contest.entryKind], nameWidth, true),
      ...(rounds.length > 1 ? rounds.map((r) => cell(r.name, roundWidth, true)) : []),
      cell('总分', fixed[1]!, true),
      cell('奖项', fixed[2]!, true),
    ],
  });
  const rows = view.results.entries.map(
    (e) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(e.rank === null ? '' : `${e.rank}${e.sharedRank ? '（并列）' : ''}`, fixed[0]!),
          cell(entryLabel(byId.get(e.entryId)!), nameWidth),
          ...(rounds.length > 1 ? e.rounds.map((r) => cell(r.result?.display ?? '', roundWidth)) : []),
          cell(e.total?.display ?? '', fixed[1]!),
          cell(e.prize ? PRIZE_LABELS[e.prize] : '', fixed[2]!),
        ],
      }),
  );
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, rows: [header, ...rows] });
}

/** The results notice (通报) of a released contest. */
export async function noticeDocx(view: ResultsView, today: string): Promise<Buffer> {
  const c = view.contest;
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE_PITCH * 2, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [text(`关于${c.name}结果的通报`, { font: font(FONTS.title), size: 44 })],
    }),
  ];
  if (c.noticeNo)
    out.push(
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: GRID_LINE, children: [text(c.noticeNo)] }),
    );
  out.push(blank(), body('各有关单位：', false));
  const count = view.entries.length;
  out.push(
    body(
      `${chineseDate(c.heldOn)}，${c.organisers}${c.venue ? `在${c.venue}` : ''}举办了${c.name}，共有 ${count} 个${ENTRY_KIND_LABELS[c.entryKind].replace('参赛', '')}参赛。经评委会现场评分，按照比赛规则评定，现将比赛结果通报如下：`,
    ),
  );
  awardGroups(view).forEach((g, i) => {
    out.push(heading(`${CHINESE_NUMBERS[i] ?? String(i + 1)}、${g.title}（${g.names.length} 个）`));
    out.push(body(g.names.join('、')));
  });
  out.push(
    body('希望获奖单位和个人珍惜荣誉、再接再厉，各单位以此次比赛为契机，进一步推动工会工作创新发展。'),
  );
  out.push(blank(), heading('附：评分规则与比赛成绩'));
  view.ruleTexts.forEach((t, i) => out.push(body(`${i + 1}. ${t}。`)));
  out.push(resultsTable(view));
  out.push(
    blank(),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: GRID_LINE,
      indent: { right: BODY_SIZE * 40 },
      children: [text(c.orgName)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: GRID_LINE,
      indent: { right: BODY_SIZE * 40 },
      children: [text(chineseDate(today))],
    }),
  );
  return officialDocx({ creator: c.orgName, title: `关于${c.name}结果的通报`, body: out });
}

/** The certificates of a released contest: every prize, then every extra award, in ranking order. */
export function certificatesOf(view: ResultsView, issuedOn: string): CertificateView[] {
  const byId = new Map(view.entries.map((e) => [e.id, e]));
  const out: CertificateView[] = [];
  const make = (entryId: string, award: string, prize: string): CertificateView => {
    const e = byId.get(entryId)!;
    return {
      entryId,
      award,
      recipient: e.name,
      unit: e.unitName && e.unitName !== e.name ? e.unitName : null,
      prize,
      contest: view.contest.name,
      issuer: view.contest.orgName,
      date: chineseDate(issuedOn),
    };
  };
  for (const e of view.results.entries)
    if (e.prize) out.push(make(e.entryId, 'prize', PRIZE_LABELS[e.prize]));
  for (const a of view.extraAwards)
    for (const id of a.entryIds) if (byId.has(id)) out.push(make(id, a.id, a.name));
  return out;
}

const line = (
  value: string,
  size: number,
  options: { center?: boolean; right?: boolean; title?: boolean; red?: boolean } = {},
) =>
  new Paragraph({
    alignment: options.center
      ? AlignmentType.CENTER
      : options.right
        ? AlignmentType.RIGHT
        : AlignmentType.LEFT,
    // `size` is in half-points; the line is 1.6 times the type, in twips.
    spacing: { line: Math.round(size * 10 * 1.6), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: [
      text(value, {
        size,
        font: font(options.title ? FONTS.title : FONTS.body),
        ...(options.red ? { color: RED } : {}),
      }),
    ],
  });

/** One landscape page per certificate (奖状). */
export async function certificatesDocx(items: CertificateView[]): Promise<Buffer> {
  const doc = new Document({
    creator: items[0]?.issuer ?? '',
    title: '奖状',
    sections: items.map((c) => ({
      properties: {
        page: {
          size: { width: mm(210), height: mm(297), orientation: PageOrientation.LANDSCAPE },
          margin: { top: mm(30), bottom: mm(25), left: mm(35), right: mm(35) },
        },
      },
      children: [
        line('奖　状', 96, { center: true, title: true, red: true }),
        line('', 48),
        line(`${c.recipient}${c.unit ? `（${c.unit}）` : ''}：`, 36),
        new Paragraph({
          indent: { firstLine: 36 * 10 * 2 },
          spacing: { line: Math.round(36 * 10 * 1.6), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          children: [text(`在${c.contest}中荣获${c.prize}。`, { size: 36, font: font(FONTS.body) })],
        }),
        new Paragraph({
          indent: { firstLine: 36 * 10 * 2 },
          spacing: { line: Math.round(36 * 10 * 1.6), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          children: [text('特发此状，以资鼓励。', { size: 36, font: font(FONTS.body) })],
        }),
        line('', 48),
        line(c.issuer, 32, { right: true }),
        line(c.date, 32, { right: true }),
      ],
    })),
  });
  return Packer.toBuffer(doc);
}
