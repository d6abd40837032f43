import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { can, scopeFilter, type Actor } from '../platform/access';
import { db, type Db } from '../platform/db/client';
import { notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import type { NotificationPage, NotificationQuery, NotificationView } from './contract';
import { notificationReads, notifications } from './tables';

/** Who a new notification is for: the officers of some units, or the editors over a path. */
export type Audience = { officersOf: string[] } | { editorsOver: string };

/** Stores one notification per recipient unit (or one for the editors) in the caller's transaction. */
export async function notify(
  tx: Db,
  input: { submissionId: string; eventId: string; orgPath: string; text: string; audience: Audience },
): Promise<void> {
  const base = { submissionId: input.submissionId, eventId: input.eventId, text: input.text };
  if ('editorsOver' in input.audience) {
    await tx
      .insert(notifications)
      .values({ ...base, id: newId(), audience: 'editors', orgPath: input.audience.editorsOver });
    return;
  }
  const orgIds = [...new Set(input.audience.officersOf)];
  if (!orgIds.length) return;
  await tx.insert(notifications).values(
    orgIds.map((orgId) => ({
      ...base,
      id: newId(),
      audience: 'officers',
      recipientOrgId: orgId,
      orgPath: input.orgPath,
    })),
  );
}

/**
 * The notifications addressed to the actor: those for the officers of the actor's own unit
 * (with `bulletin:submit`) and those for the editors whose scope covers the item (with
 * `bulletin:edit`). This condition is the access check: nobody else's notification matches.
 */
function addressedTo(actor: Actor): SQL {
  const parts: SQL[] = [];
  if (can(actor, 'bulletin:submit'))
    parts.push(
      sql`(${notifications.audience} = 'officers' and ${notifications.recipientOrgId} = ${actor.orgId})`,
    );
  if (can(actor, 'bulletin:edit'))
    parts.push(sql`(${notifications.audience} = 'editors' and ${scopeFilter(actor, notifications.orgPath)})`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

const readAt = sql<Date | string | null>`${notificationReads.readAt}`;

function present(row: {
  id: string;
  submissionId: string;
  text: string;
  createdAt: Date;
  readAt: Date | string | null;
}): NotificationView {
  return {
    id: row.id,
    submissionId: row.submissionId,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt === null ? null : new Date(row.readAt).toISOString(),
  };
}

const columns = {
  id: notifications.id,
  submissionId: notifications.submissionId,
  text: notifications.text,
  createdAt: notifications.createdAt,
  readAt,
};

/** The actor's notifications, newest first, with the number still unread. */
export async function listNotifications(
  actor: Actor,
  query: ReturnType<typeof NotificationQuery.parse>,
): Promise<NotificationPage> {
  const mine = addressedTo(actor);
  const joined = and(
    eq(notificationReads.notificationId, notifications.id),
    eq(notificationReads.userId, actor.id),
  );
  const unreadOnly = sql`${notificationReads.userId} is null`;
  const where = query.unread === 'true' ? and(mine, unreadOnly) : mine;
  return db.transaction(async (tx) => {
    const [total] = await tx
      .select({ n: count() })
      .from(notifications)
      .leftJoin(notificationReads, joined)
      .where(where);
    const [unread] = await tx
      .select({ n: count() })
      .from(notifications)
      .leftJoin(notificationReads, joined)
      .where(and(mine, unreadOnly));
    const rows = await tx
      .select(columns)
      .from(notifications)
      .leftJoin(notificationReads, joined)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return { items: rows.map(present), total: total?.n ?? 0, unread: unread?.n ?? 0 };
  });
}

/** Marks one of the actor's notifications read; another's answers 404. */
export async function markNotificationRead(actor: Actor, id: string): Promise<NotificationView> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.id, id), addressedTo(actor)));
    if (!row) throw notFound('通知');
    await tx.insert(notificationReads).values({ notificationId: id, userId: actor.id }).onConflictDoNothing();
    const [read] = await tx
      .select(columns)
      .from(notifications)
      .leftJoin(
        notificationReads,
        and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, actor.id)),
      )
      .where(eq(notifications.id, id));
    return present(read!);
  });
}
