// What the information work puts on a user's home page: the editors' queue of submitted items,
// an officer's items returned for changes, and unread notifications.
import { can, type Actor } from '../platform/access';
import type { WaitingItem } from '../platform/shared/waiting-contract';
import { listNotifications } from '../platform/notifications';
import { listSubmissions } from './service';

const one = { page: 1, pageSize: 1 };

export async function bulletinWaiting(actor: Actor): Promise<WaitingItem[]> {
  const items: WaitingItem[] = [];
  if (can(actor, 'bulletin:edit')) {
    const queue = await listSubmissions(actor, { ...one, state: 'submitted' });
    items.push({
      key: 'bulletin.queue',
      label: '编辑台待处理的报送信息',
      count: queue.total,
      link: '/bulletin/desk',
      urgent: false,
    });
  }
  if (can(actor, 'bulletin:submit')) {
    const returned = await listSubmissions(actor, { ...one, state: 'returned', mine: 'true' });
    items.push({
      key: 'bulletin.returned',
      label: '退回修改的信息',
      count: returned.total,
      link: '/bulletin/submissions?state=returned',
      urgent: true,
    });
  }
  if (can(actor, 'bulletin:submit') || can(actor, 'bulletin:edit')) {
    const notices = await listNotifications(actor, { ...one, unread: 'true' });
    items.push({
      key: 'bulletin.unread',
      label: '未读通知',
      count: notices.unread,
      link: '/bulletin/submissions',
      urgent: false,
    });
  }
  return items;
}
