// How the labour-relations pages show a grade and an amount.
import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { amountText, GRADE_LABELS, NO_INDUSTRY, type Grade } from '../contract';
import { SIZE_BAND_LABELS, type SizeBand } from '../../enterprises/contract';

export const GRADE_COLORS: Record<Grade, string> = {
  red: '#cf1322',
  orange: '#d46b08',
  yellow: '#d4b106',
  blue: '#1677ff',
};

export function GradeTag({ grade }: { grade: Grade }) {
  return (
    <Tag color={GRADE_COLORS[grade]} style={{ marginInlineEnd: 0 }} data-testid="grade-tag">
      {GRADE_LABELS[grade]}预警
    </Tag>
  );
}

/** An amount, or a dash when none was given. */
/** The name of an industry the analysis counts (NO_INDUSTRY: none given). */
export const industryLabel = (industry: string) => (industry === NO_INDUSTRY ? '未填写行业' : industry);

/** The name of a size band, or of reports whose enterprise's headcount was not known. */
export const sizeBandLabel = (band: string) =>
  band === 'unknown' ? '人数不详' : (SIZE_BAND_LABELS[band as SizeBand] ?? band);

export const amountOrDash = (fen: number | null) => (fen === null ? '—' : amountText(fen));

/** The deadline and the time left (or how late it is). */
export function DueText({ dueAt, asOf }: { dueAt: string; asOf: string }) {
  const due = dayjs(dueAt);
  const minutes = due.diff(dayjs(asOf), 'minute');
  const span = (m: number) =>
    m >= 1440
      ? `${Math.floor(m / 1440)} 天 ${Math.floor((m % 1440) / 60)} 小时`
      : m >= 60
        ? `${Math.floor(m / 60)} 小时 ${m % 60} 分`
        : `${m} 分钟`;
  return (
    <Typography.Text
      type={minutes < 0 ? 'danger' : minutes < 120 ? 'warning' : undefined}
      data-testid="due-text"
    >
      {due.format('YYYY-MM-DD HH:mm')} 前签收（
      {minutes < 0 ? `已超时 ${span(-minutes)}` : `剩余 ${span(minutes)}`}）
    </Typography.Text>
  );
}
