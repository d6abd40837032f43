// How the studios pages show a state and a level.
import { Tag } from 'antd';
import {
  STUDIO_LEVEL_LABELS,
  STUDIO_STATE_LABELS,
  type StudioLevel,
  type StudioState,
  type StudioView,
} from '../contract';

const STATE_COLORS: Record<StudioState, string> = {
  applied: 'blue',
  recommended: 'cyan',
  approved: 'purple',
  returned: 'orange',
  designated: 'gold',
  revoked: 'default',
};

const LEVEL_COLORS: Record<StudioLevel, string> = { city: 'geekblue', province: 'green', national: 'red' };

export const SHORT_LEVEL_LABELS: Record<StudioLevel, string> = {
  city: '市级',
  province: '省级',
  national: '全国示范性',
};

export function StudioStateTag({
  studio,
}: {
  studio: Pick<StudioView, 'state' | 'upgrading' | 'appliedLevel'>;
}) {
  return (
    <Tag color={STATE_COLORS[studio.state]} data-testid="studio-state">
      {studio.upgrading
        ? `晋级${SHORT_LEVEL_LABELS[studio.appliedLevel]}：${STUDIO_STATE_LABELS[studio.state]}`
        : STUDIO_STATE_LABELS[studio.state]}
    </Tag>
  );
}

export function LevelTag({ level }: { level: StudioLevel | null }) {
  if (!level) return <span>—</span>;
  return (
    <Tag color={LEVEL_COLORS[level]} title={STUDIO_LEVEL_LABELS[level]}>
      {SHORT_LEVEL_LABELS[level]}
    </Tag>
  );
}
