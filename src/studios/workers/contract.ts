// The model workers register's API. The schemas and views are added by the register's routes;
// these shared words are used by the studios' rooms and the web app.
import { z } from 'zod';
import { str } from '../../platform/shared/api';

export const MODEL_WORKER_LEVELS = ['city', 'province', 'national'] as const;
export type ModelWorkerLevel = (typeof MODEL_WORKER_LEVELS)[number];
export const MODEL_WORKER_LEVEL_LABELS: Record<ModelWorkerLevel, string> = {
  city: '市劳动模范',
  province: '省劳动模范',
  national: '全国劳动模范',
};

export const MODEL_WORKER_STATUSES = ['active', 'retired', 'deceased'] as const;
export type ModelWorkerStatus = (typeof MODEL_WORKER_STATUSES)[number];
export const MODEL_WORKER_STATUS_LABELS: Record<ModelWorkerStatus, string> = {
  active: '在职',
  retired: '退休',
  deceased: '已故',
};

/** A model worker as other rooms name one (a studio's leader or member). */
export const ModelWorkerRef = z.object({
  id: str(),
  name: str(),
  level: z.enum(MODEL_WORKER_LEVELS),
  year: z.number().int(),
  unitName: str(),
});
export type ModelWorkerRef = z.infer<typeof ModelWorkerRef>;
