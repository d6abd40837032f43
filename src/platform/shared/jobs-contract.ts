// Long-running work (imports, exports) as the API shows it; the UI polls it for a progress bar.
import { z } from 'zod';

export const JOB_STATES = ['running', 'succeeded', 'failed'] as const;

export const JobView = z.object({
  id: z.uuid(),
  kind: z.string(),
  state: z.enum(JOB_STATES),
  progress: z.number().int(),
  total: z.number().int().nullable(),
  message: z.string().nullable(),
  result: z.unknown(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobView = z.infer<typeof JobView>;
