// What the studios register puts on a user's home page: applications waiting for a district's
// recommendation, and for the city recommended ones to review and approved ones to designate.
import { sql } from 'drizzle-orm';
import { can, type Actor } from '../../platform/access';
import { db } from '../../platform/db/client';
import type { WaitingItem } from '../../platform/shared/waiting-contract';
import { dueCondition } from './service';
import { actsForCity } from './studios-service';
import { studios } from './tables';

export async function studioWaiting(actor: Actor): Promise<WaitingItem[]> {
  if (!can(actor, 'studio:manage')) return [];
  const [counts] = await db.readTransaction((tx) =>
    tx
      .select({
        recommend: sql<number>`count(*) filter (where ${dueCondition(actor, 'recommend')})::int`,
        review: sql<number>`count(*) filter (where ${dueCondition(actor, 'review')})::int`,
        designate: sql<number>`count(*) filter (where ${dueCondition(actor, 'designate')})::int`,
      })
      .from(studios)
      .where(sql`${studios.state} in ('applied', 'recommended', 'approved')`),
  );
  const item = (key: 'recommend' | 'review' | 'designate', label: string): WaitingItem => ({
    key: `studios.${key}`,
    label,
    count: Number(counts?.[key] ?? 0),
    link: `/studios?due=${key}`,
    urgent: false,
  });
  if (actsForCity(actor))
    return [item('review', '待审核的劳模创新工作室申报'), item('designate', '审核通过、待命名的工作室')];
  return [item('recommend', '待推荐的劳模创新工作室申报')];
}
