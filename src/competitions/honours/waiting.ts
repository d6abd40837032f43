// What the honours register puts on a user's home page: nominations of units below waiting for
// review, and publicised ones whose period has ended with every objection resolved (to confer).
import { sql } from 'drizzle-orm';
import { can, type Actor } from '../../platform/access';
import { db } from '../../platform/db/client';
import type { WaitingItem } from '../../platform/shared/waiting-contract';
import { dueCondition } from './service';
import { honours } from './tables';

export async function honourWaiting(actor: Actor): Promise<WaitingItem[]> {
  if (!can(actor, 'competition:manage')) return [];
  const review = dueCondition(actor, 'review');
  const confer = dueCondition(actor, 'confer');
  const [counts] = await db.readTransaction((tx) =>
    tx
      .select({
        review: sql<number>`count(*) filter (where ${review})::int`,
        confer: sql<number>`count(*) filter (where ${confer})::int`,
      })
      .from(honours)
      .where(sql`${honours.state} in ('nominated', 'publicising')`),
  );
  return [
    {
      key: 'honours.review',
      label: '待审核的荣誉推荐',
      count: Number(counts?.review ?? 0),
      link: '/competitions/honours?due=review',
      urgent: false,
    },
    {
      key: 'honours.confer',
      label: '公示期满、可授予的荣誉推荐',
      count: Number(counts?.confer ?? 0),
      link: '/competitions/honours?due=confer',
      urgent: false,
    },
  ];
}
