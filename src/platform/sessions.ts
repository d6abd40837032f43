import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { newId } from './ids';
import { loginFailures, sessions } from './tables';

let secret = 'unset';
let ttlHours = 12;

export function configureSessions(options: { secret: string; ttlHours: number }) {
  secret = options.secret;
  ttlHours = options.ttlHours;
}

/** Stored form of a session token: a keyed hash, so a copy of the table opens no session. */
function tokenHash(token: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

/** Opens a session for the user and returns the token for the cookie. */
export async function createSession(
  tx: Db,
  userId: string,
  meta: { ip: string; userAgent?: string | undefined },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.insert(sessions).values({
    tokenHash: tokenHash(token),
    userId,
    expiresAt: new Date(Date.now() + ttlHours * 3600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

/** The user id of a live session, extending it when half its life has passed. */
export async function resolveSession(tx: Db, token: string): Promise<string | null> {
  const hash = tokenHash(token);
  const [row] = await tx
    .select({ userId: sessions.userId, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, new Date())));
  if (!row) return null;
  const remaining = row.expiresAt.getTime() - Date.now();
  if (remaining < (ttlHours * 3600_000) / 2) {
    await tx
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + ttlHours * 3600_000) })
      .where(eq(sessions.tokenHash, hash));
  }
  return row.userId;
}

export async function endSession(tx: Db, token: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
}

/** Ends every session of a user (deactivation, password reset). */
export async function endUserSessions(tx: Db, userId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(tx: Db): Promise<void> {
  await tx.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  await tx.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - 24 * 3600_000)));
}

export const THROTTLE = {
  windowMinutes: 15,
  perUser: 5,
  perIp: 30,
};

/** Minutes until a login for this user from this address is allowed again, or 0. */
export async function loginBlockedFor(tx: Db, username: string, ip: string): Promise<number> {
  const since = new Date(Date.now() - THROTTLE.windowMinutes * 60_000);
  const count = async (where: ReturnType<typeof and>) => {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int`, first: sql<string | null>`min(${loginFailures.at})` })
      .from(loginFailures)
      .where(where);
    return { n: row?.n ?? 0, first: row?.first ? new Date(row.first) : null };
  };
  const byUser = await count(
    and(eq(loginFailures.username, username.toLowerCase()), gt(loginFailures.at, since)),
  );
  const byIp = await count(and(eq(loginFailures.ip, ip), gt(loginFailures.at, since)));
  const hit = byUser.n >= THROTTLE.perUser ? byUser : byIp.n >= THROTTLE.perIp ? byIp : null;
  if (!hit?.first) return 0;
  const until = hit.first.getTime() + THROTTLE.windowMinutes * 60_000;
  return Math.max(1, Math.ceil((until - Date.now()) / 60_000));
}

export async function recordLoginFailure(tx: Db, username: string, ip: string): Promise<void> {
  await tx.insert(loginFailures).values({ id: newId(), username: username.toLowerCase().slice(0, 100), ip });
}

export async function clearLoginFailures(tx: Db, username: string): Promise<void> {
  await tx.delete(loginFailures).where(eq(loginFailures.username, username.toLowerCase()));
}
