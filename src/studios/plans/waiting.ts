// What the studios' plans put on a user's home page: for a studio's own side, its milestones due
// within 30 days or already late (studio:apply: the host unit's union, and the unions above that
// may apply on its behalf); for those who supervise studios (studio:manage), the late milestones
// of their scope.
import { and, sql } from 'drizzle-orm';
import { can, scopeFilter, type Actor } from '../../platform/access';
import { now } from '../../platform/clock';
import { db } from '../../platform/db/client';
import { chinaToday } from '../../platform/shared/dates';
import type { WaitingItem } from '../../platform/shared/waiting-contract';
import { ofDesignatedStudio } from '../register/studios-service';
import { dueCondition } from './worklist';
import { studioMilestones } from './tables';

export async function planWaiting(actor: Actor): Promise<WaitingItem[]> {
  const own = can(actor, 'studio:apply');
  const supervises = can(actor, 'studio:manage');
  if (!own && !supervises) return [];
  const m = studioMilestones;
  const today = chinaToday(now());
  const late = dueCondition('late', today)!;
  const pending = dueCondition('pending', today)!;
  const [counts] = await db.readTransaction((tx) =>
    tx
      .select({
        pending: sql<number>`count(*) filter (where ${pending})::int`,
        late: sql<number>`count(*) filter (where ${late})::int`,
      })
      .from(m)
      .where(and(scopeFilter(actor, m.orgPath), ofDesignatedStudio(m.studioId), sql`${m.doneOn} is null`)),
  );
  const items: WaitingItem[] = [];
  if (own)
    items.push({
      key: 'studios.milestones.own',
      label: '工作室30天内到期或已逾期的计划安排',
      count: Number(counts?.pending ?? 0),
      link: '/studios/milestones?due=pending',
      urgent: Number(counts?.late ?? 0) > 0,
    });
  if (supervises)
    items.push({
      key: 'studios.milestones.late',
      label: '逾期未完成的工作室计划安排',
      count: Number(counts?.late ?? 0),
      link: '/studios/milestones?due=late',
      urgent: Number(counts?.late ?? 0) > 0,
    });
  return items;
}
