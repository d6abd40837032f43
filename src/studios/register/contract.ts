// The studios register's API: studios, their designation in batches, members and trail. The words
// below are shared with the plans, achievements and assessments rooms and the web app.
import { z } from 'zod';
import { str } from '../../platform/shared/api';

export const STUDIO_LEVELS = ['city', 'province', 'national'] as const;
export type StudioLevel = (typeof STUDIO_LEVELS)[number];
export const STUDIO_LEVEL_LABELS: Record<StudioLevel, string> = {
  city: '市级劳模创新工作室',
  province: '省级劳模创新工作室',
  national: '全国示范性劳模创新工作室',
};
/** The order of the levels, for moving up. */
export const STUDIO_LEVEL_RANK: Record<StudioLevel, number> = { city: 1, province: 2, national: 3 };

export const STUDIO_STATES = [
  'applied',
  'recommended',
  'approved',
  'returned',
  'designated',
  'revoked',
] as const;
export type StudioState = (typeof STUDIO_STATES)[number];
export const STUDIO_STATE_LABELS: Record<StudioState, string> = {
  applied: '已申报',
  recommended: '已推荐',
  approved: '审核通过（待命名）',
  returned: '已退回',
  designated: '已命名挂牌',
  revoked: '已摘牌',
};

/** A studio as other rooms name one. */
export const StudioRef = z.object({
  id: str(),
  name: str(),
  hostUnitName: str(),
  level: z.enum(STUDIO_LEVELS).nullable(),
  state: z.enum(STUDIO_STATES),
});
export type StudioRef = z.infer<typeof StudioRef>;
