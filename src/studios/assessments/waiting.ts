// What the yearly assessment puts on a user's home page: for a district, its studios' open
// assessments waiting for its scoring; for the city, scored ones waiting for its review (and the
// open ones of studios it scores itself).
import { sql } from 'drizzle-orm';
import { can, type Actor } from '../../platform/access';
import { db } from '../../platform/db/client';
import type { WaitingItem } from '../../platform/shared/waiting-contract';
import { dueCondition, reviews } from './service';
import { studioAssessments } from './tables';

export async function assessmentWaiting(actor: Actor): Promise<WaitingItem[]> {
  if (!can(actor, 'studio:manage')) return [];
  const score = dueCondition(actor, 'score');
  const review = dueCondition(actor, 'review');
  const [counts] = await db.readTransaction((tx) =>
    tx
      .select({
        score: sql<number>`count(*) filter (where ${score})::int`,
        review: sql<number>`count(*) filter (where ${review})::int`,
      })
      .from(studioAssessments)
      .where(sql`${studioAssessments.state} in ('open', 'scored')`),
  );
  const items: WaitingItem[] = [];
  // A unit below a district scores nothing.
  if (actor.scopePath.split('/').filter(Boolean).length <= 2)
    items.push({
      key: 'studioAssessments.score',
      label: '待评分的劳模创新工作室年度考核',
      count: Number(counts?.score ?? 0),
      link: '/studios/assessments?due=score',
      urgent: false,
    });
  if (reviews(actor))
    items.push({
      key: 'studioAssessments.review',
      label: '待审定的劳模创新工作室年度考核',
      count: Number(counts?.review ?? 0),
      link: '/studios/assessments?due=review',
      urgent: false,
    });
  return items;
}
