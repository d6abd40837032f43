// How the assessment pages show a state and a result.
import { Tag } from 'antd';
import {
  ASSESSMENT_STATE_LABELS,
  RESULT_LABELS,
  type AssessmentResult,
  type AssessmentState,
  type AssessmentView,
} from '../contract';

const STATE_COLORS: Record<AssessmentState, string> = { open: 'blue', scored: 'orange', reviewed: 'green' };
const RESULT_COLORS: Record<AssessmentResult, string> = { excellent: 'gold', pass: 'cyan', fail: 'red' };

export function AssessmentStateTag({ state }: { state: AssessmentState }) {
  return (
    <Tag color={STATE_COLORS[state]} data-testid="assessment-state">
      {ASSESSMENT_STATE_LABELS[state]}
    </Tag>
  );
}

/** The final result, or the district's proposal marked 初评; nothing before scoring. */
export function ResultTag({
  a,
}: {
  a: Pick<AssessmentView, 'finalResult' | 'proposedResult' | 'revokedStudio'>;
}) {
  const result = a.finalResult ?? a.proposedResult;
  if (!result) return <span>—</span>;
  return (
    <>
      <Tag color={a.finalResult ? RESULT_COLORS[result] : 'default'} data-testid="assessment-result">
        {a.finalResult ? RESULT_LABELS[result] : `初评${RESULT_LABELS[result]}`}
      </Tag>
      {a.revokedStudio && <Tag color="red">已摘牌</Tag>}
    </>
  );
}
