// Long-running work (imports, exports) as the API shows it; the UI polls it for a progress bar.
import { z } from 'zod';
import { str } from './api';

export const JOB_STATES = ['running', 'succeeded', 'failed'] as const;

export const JobView = z.object({
  id: z.uuid(),
  kind: str(),
  state: z.enum(JOB_STATES),
  progress: z.number().int(),
  total: z.number().int().nullable(),
  message: str().nullable(),
  result: z.unknown(),
  createdAt: str(),
  finishedAt: str().nullable(),
});
export type JobView = z.infer<typeof JobView>;
