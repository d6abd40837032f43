// How the plan pages show where a milestone stands.
import { Tag } from 'antd';
import { MILESTONE_STATUS_LABELS, type MilestoneStatus } from '../contract';

const COLORS: Record<MilestoneStatus, string> = {
  late: 'red',
  dueSoon: 'orange',
  open: 'blue',
  doneLate: 'volcano',
  doneOnTime: 'green',
};

/** Whether the status is one the district and the city are to notice. */
export const flagged = (status: MilestoneStatus) => status === 'late' || status === 'doneLate';

export function MilestoneStatusTag({ status, daysLate }: { status: MilestoneStatus; daysLate: number }) {
  return (
    <Tag color={COLORS[status]} data-testid="milestone-status">
      {MILESTONE_STATUS_LABELS[status]}
      {daysLate > 0 ? ` ${daysLate}天` : ''}
    </Tag>
  );
}
