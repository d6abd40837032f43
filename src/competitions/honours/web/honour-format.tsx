// How the honours pages show a state.
import { Tag } from 'antd';
import { HONOUR_STATE_LABELS, type HonourState } from '../contract';

const STATE_COLORS: Record<HonourState, string> = {
  nominated: 'blue',
  approved: 'cyan',
  returned: 'orange',
  publicising: 'purple',
  conferred: 'gold',
  revoked: 'default',
};

export function StateTag({ state }: { state: HonourState }) {
  return (
    <Tag color={STATE_COLORS[state]} data-testid="honour-state">
      {HONOUR_STATE_LABELS[state]}
    </Tag>
  );
}
