// What waits for the signed-in user (首页待办): each feature's items, with counts and links.
import { z } from 'zod';
import { str } from './api';

export const WaitingItem = z.object({
  /** Stable, for tests and keys: `<feature>.<what>`. */
  key: str(),
  label: str(),
  count: z.number().int(),
  /** The list that holds them. */
  link: str(),
  /** Past a due day or a deadline. */
  urgent: z.boolean(),
});
export type WaitingItem = z.infer<typeof WaitingItem>;

export const WaitingList = z.object({ items: z.array(WaitingItem) });
export type WaitingList = z.infer<typeof WaitingList>;
