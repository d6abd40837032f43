// Small pieces every page of the service programme shows the same way.
import { Tag } from 'antd';
import {
  DUE_STATE_LABELS,
  NEED_KIND_LABELS,
  NEED_STATE_LABELS,
  type NeedView,
  type PairingDueState,
} from '../contract';

export { itemsText } from '../contract';

const DUE_COLORS: Record<PairingDueState, string> = { overdue: 'red', due: 'orange', ok: 'green' };

export function DueTag({ state, dueOn }: { state: PairingDueState; dueOn: string }) {
  return (
    <Tag color={DUE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid="due-tag">
      {state === 'ok' ? `${dueOn} 前走访` : `${DUE_STATE_LABELS[state]}（${dueOn}）`}
    </Tag>
  );
}

const NEED_COLORS = { open: 'blue', inProgress: 'gold', resolved: 'green', closed: 'default' } as const;

export function NeedStateTag({ need }: { need: Pick<NeedView, 'state' | 'overdue'> }) {
  return (
    <>
      <Tag color={NEED_COLORS[need.state]} style={{ marginInlineEnd: 4 }}>
        {NEED_STATE_LABELS[need.state]}
      </Tag>
      {need.overdue && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          已逾期
        </Tag>
      )}
    </>
  );
}

export const needTitle = (n: Pick<NeedView, 'kind' | 'description'>) =>
  `【${NEED_KIND_LABELS[n.kind]}】${n.description}`;
