// In-app notifications (通知): what the bell in the header lists for the signed-in user.
import { z } from 'zod';
import { pageOf, PageQuery, str } from './api';

export const NotificationView = z.object({
  id: str(),
  text: str(),
  /** The page of what it is about. */
  link: str(),
  createdAt: str(),
  readAt: str().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationPage = pageOf(NotificationView).extend({ unread: z.number().int() });
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationQuery = PageQuery.extend({
  unread: z.enum(['true', 'false'], { error: 'unread 只能是 true 或 false' }).optional(),
});
