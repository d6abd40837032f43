// How the labour-relations pages show a grade and an amount.
import { Tag } from 'antd';
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
