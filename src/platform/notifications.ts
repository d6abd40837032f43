// In-app notifications for every feature: a feature stores one, in its write's transaction, for
// an audience (the holders of a permission at some units, or over a path), with the text and the
// page it is about; the bell in the header lists the signed-in user's.
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { scopeFilter, type Actor } from './access';
import { db, type Db } from './db/client';
import { notFound } from './errors';
import { newId } from './ids';
import type { Permission } from './shared/access-catalog';
import type { NotificationPage, NotificationQuery, NotificationView } from './shared/notifications-contract';
import { rewritePathColumns, type PathRewriter } from './org-paths';
import { notificationReads, notifications } from './tables';

/**
 * Who a new notification is for: the users of some units who hold `permission`, or the users
 * holding it whose scope covers the path `over`.
 */
export type Audience = { permission: Permission } & ({ unitsOf: string[] } | { over: string });

/** Stores one notification per recipient unit (or one over the path) in the caller's transaction. */
export async function notify(
  tx: Db,
  input: { orgPath: string; text: string; link: string; audience: Audience },
): Promise<void> {
  const { permission } = input.audience;
  const base = { text: input.text, link: input.link, permission, orgPath: input.orgPath };
  if ('over' in input.audience) {
    await tx
      .insert(notifications)
      .values({ ...base, id: newId(), audience: 'over', orgPath: input.audience.over });
    return;
  }
  const orgIds = [...new Set(input.audience.unitsOf)];
  if (!orgIds.length) return;
  await tx
    .insert(notifications)
    .values(orgIds.map((orgId) => ({ ...base, id: newId(), audience: 'unit', recipientOrgId: orgId })));
}

/**
 * The notifications addressed to the actor: those for the holders of one of the actor's
 * permissions at the actor's unit, or over a path in the actor's scope. This condition is the
 * access check: nobody else's notification matches.
 */
function addressedTo(actor: Actor): SQL {
  const held = [...actor.permissions];
  if (!held.length) return sql`false`;
  return and(
    inArray(notifications.permission, held),
    sql`((${notifications.audience} = 'unit' and ${notifications.recipientOrgId} = ${actor.orgId})
      or (${notifications.audience} = 'over' and ${scopeFilter(actor, notifications.orgPath)}))`,
  )!;
}

const readAt = sql<Date | string | null>`${notificationReads.readAt}`;

function present(row: {
  id: string;
  link: string;
  text: string;
  createdAt: Date;
  readAt: Date | string | null;
}): NotificationView {
  return {
    id: row.id,
    text: row.text,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt === null ? null : new Date(row.readAt).toISOString(),
  };
}

const columns = {
  id: notifications.id,
  link: notifications.link,
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

/** Moves the notifications' paths with a moved organisation (wired in src/wiring.ts). */
export const rewriteNotificationPaths: PathRewriter = (tx, oldPrefix, newPrefix) =>
  rewritePathColumns(tx, [notifications], oldPrefix, newPrefix);
