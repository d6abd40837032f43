// A unit's target for an indicator beside its rate, in the dashboard's table and header.
import { Tag } from 'antd';
import { progressColor, targetProgress } from './coverage-api';

/** "目标 90% · 达成 97%" coloured by progress; nothing when the indicator has no target. */
export function TargetTag({
  rate,
  target,
  testId,
}: {
  rate: number | null;
  target: number | undefined;
  testId?: string;
}) {
  const t = targetProgress(rate, target);
  if (!t) return null;
  const pct = (v: number) => `${Number((v * 100).toFixed(1))}%`;
  return (
    <Tag
      color={t.progress === null ? 'default' : progressColor(t.progress)}
      data-testid={testId}
      data-progress={t.progress === null ? '' : progressColor(t.progress)}
      style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}
    >
      目标 {pct(t.target)}
      {t.progress !== null && ` · 达成 ${pct(t.progress)}`}
    </Tag>
  );
}
