// How the labour-relations pages show a grade and an amount.
import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { amountText, GRADE_LABELS, type Grade } from '../contract';

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
