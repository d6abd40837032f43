// What the service programme puts on a user's home page: the visits of my pairings overdue or
// soon due, the needs I own still open, the needs of my scope past their day, and the
// three-category enterprises of my scope no cadre serves.
import { can, type Actor } from '../platform/access';
import type { WaitingItem } from '../platform/shared/waiting-contract';
import { listPairings, listUnpaired } from './programmes';
import { listNeeds } from './visits';

/** The count alone. */
const one = { page: 1, pageSize: 0 };

export async function serviceWaiting(actor: Actor): Promise<WaitingItem[]> {
  if (!can(actor, 'service:read')) return [];
  const items: WaitingItem[] = [];
  if (can(actor, 'service:record')) {
    const overdue = await listPairings(actor, { ...one, mine: true, due: 'overdue' });
    const due = await listPairings(actor, { ...one, mine: true, due: 'due' });
    const mine = await listNeeds(actor, { ...one, mine: true, state: 'open' });
    const going = await listNeeds(actor, { ...one, mine: true, state: 'inProgress' });
    items.push(
      {
        key: 'service.visitsOverdue',
        label: '走访已逾期的挂钩企业',
        count: overdue.total,
        link: '/service/my?due=overdue',
        urgent: true,
      },
      {
        key: 'service.visitsDue',
        label: '14 天内应走访的挂钩企业',
        count: due.total,
        link: '/service/my?due=due',
        urgent: false,
      },
      {
        key: 'service.myNeeds',
        label: '交我办理的企业需求',
        count: mine.total + going.total,
        link: '/service/my?tab=needs',
        urgent: false,
      },
    );
  }
  const late = await listNeeds(actor, { ...one, overdue: true });
  items.push({
    key: 'service.needsOverdue',
    label: '逾期未办结的企业需求',
    count: late.total,
    link: '/service?tab=needs&overdue=true',
    urgent: true,
  });
  if (can(actor, 'service:record') && can(actor, 'coverage:read')) {
    const unpaired = await listUnpaired(actor, one);
    items.push({
      key: 'service.unpaired',
      label: '尚未挂钩服务干部的三类企业',
      count: unpaired.total,
      link: '/service?tab=unpaired',
      urgent: false,
    });
  }
  return items;
}
