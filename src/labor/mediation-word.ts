// The mediation agreement (调解协议书) of a case as a Word document in the official layout
// (platform/word.ts): the parties with their identity, the facts and the claims, the terms agreed
// (for a partial agreement, the referral of the rest to arbitration), the standing clauses, and
// the places for the parties', the mediators' and the committee's signatures.
import { AlignmentType, LineRuleType, Paragraph, TabStopType } from 'docx';
import { chineseDate } from '../platform/shared/dates';
import {
  BODY_SIZE,
  FIRST_LINE_INDENT,
  FONTS,
  font,
  GRID_LINE,
  LINE_PITCH,
  officialDocx,
  TEXT_WIDTH,
  text,
} from '../platform/word';
import { amountText } from './contract';
import { CLAIM_KIND_LABELS, type CaseDetail } from './mediation-contract';

const body = (value: string, options: { indent?: boolean; bold?: boolean } = {}) =>
  new Paragraph({
    spacing: GRID_LINE,
    alignment: AlignmentType.JUSTIFIED,
    ...(options.indent === false ? {} : { indent: FIRST_LINE_INDENT }),
    children: [text(value, options.bold ? { bold: true } : {})],
  });

const heading = (value: string) =>
  new Paragraph({
    spacing: GRID_LINE,
    indent: FIRST_LINE_INDENT,
    keepNext: true,
    children: [text(value, { font: font(FONTS.heading) })],
  });

const blank = () => new Paragraph({ spacing: GRID_LINE, children: [] });

/** 12000.00 元 (no grouping commas, which a line could break at) */
const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;

/** Lines of the terms, numbered 一、二、… unless the mediator numbered them. */
function termLines(terms: string): string[] {
  const lines = terms
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const numbered = lines.every((l) => /^([一二三四五六七八九十]+、|\d+[.、．])/.test(l));
  const digits = '一二三四五六七八九十';
  return numbered ? lines : lines.map((l, i) => `${i < 10 ? digits[i] : String(i + 1)}、${l}`);
}

/** The agreement of a closed case with an agreement (whole personal data, checked by the caller). */
export async function agreementDocx(c: CaseDetail): Promise<Buffer> {
  const out: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE_PITCH * 2, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [text('劳动争议调解协议书', { font: font(FONTS.title), size: 44 })],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: GRID_LINE,
      children: [text(`编号：${c.org.name}调解${c.caseNo}`)],
    }),
    blank(),
  ];
  c.workers.forEach((w, i) =>
    out.push(
      body(
        `申请人${c.workers.length > 1 ? `${i + 1}` : ''}：${w.name}，公民身份号码：${w.idNumber}${w.phone ? `，联系电话：${w.phone}` : ''}。`,
        { indent: false },
      ),
    ),
  );
  out.push(
    body(
      `被申请人：${c.employer.name}${c.employerRepresentative ? `，法定代表人（负责人）：${c.employerRepresentative}` : ''}${c.employerPhone ? `，联系电话：${c.employerPhone}` : ''}。`,
      { indent: false },
    ),
    body(
      `调解组织：${c.org.name}劳动争议调解委员会。调解员：${c.mediators.map((m) => m.name).join('、')}。`,
      {
        indent: false,
      },
    ),
    blank(),
    heading('一、纠纷主要事实和争议事项'),
    ...c.facts
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => body(l)),
    body(
      `申请人于${chineseDate(c.appliedOn)}申请调解，请求：${c.claims
        .map((cl) => `${CLAIM_KIND_LABELS[cl.kind]} ${yuan(cl.amountFen)}`)
        .join('；')}，合计 ${yuan(c.claimedFen)}。`,
    ),
    heading(
      c.result === 'partial'
        ? '二、经调解，双方就部分请求自愿达成如下协议'
        : '二、经调解，双方自愿达成如下协议',
    ),
    ...termLines(c.terms ?? '').map((l) => body(l)),
    body(`协议金额合计 ${yuan(c.agreedFen ?? 0)}（${amountText(c.agreedFen ?? 0)}）。`),
  );
  if (c.result === 'partial')
    out.push(body('对未达成协议的其余请求，申请人可以依法向劳动人事争议仲裁委员会申请仲裁。'));
  out.push(
    heading('三、其他事项'),
    body(
      '本协议经双方当事人签名或者盖章，经调解员签名并加盖调解组织印章后生效，对双方当事人具有约束力，当事人应当履行。一方当事人在协议约定期限内不履行的，另一方当事人可以依法申请仲裁。',
    ),
    body('本协议一式三份，双方当事人和调解组织各执一份。'),
    blank(),
  );
  const signLine = (left: string, right: string) =>
    new Paragraph({
      spacing: { ...GRID_LINE, before: 0 },
      tabStops: [{ type: TabStopType.LEFT, position: Math.round(TEXT_WIDTH / 2) }],
      children: [text(left), text('\t'), text(right)],
    });
  out.push(
    signLine('申请人（签名）：', '被申请人（盖章）：'),
    blank(),
    signLine('调解员（签名）：', ''),
    blank(),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: GRID_LINE,
      indent: { right: BODY_SIZE * 20 },
      children: [text(`${c.org.name}劳动争议调解委员会（印章）`)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: GRID_LINE,
      indent: { right: BODY_SIZE * 20 },
      children: [text(chineseDate(c.closedOn))],
    }),
  );
  return officialDocx({ creator: c.org.name, title: `劳动争议调解协议书（${c.caseNo}）`, body: out });
}

/** 调解协议书_2026年第3号_某公司.docx */
export const agreementFileName = (c: CaseDetail) =>
  `调解协议书_${c.caseNo}_${c.employer.name}.docx`.replace(/[\\/:*?"<>|\r\n]+/g, '_');
