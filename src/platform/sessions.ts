import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Db } from './db/client';
import { sessions } from './tables';

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

/** Ends every other session of a user: after a password change only the browser that made it stays. */
export async function endOtherSessions(tx: Db, userId: string, keepToken: string | null): Promise<void> {
  await tx
    .delete(sessions)
    .where(
      keepToken
        ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, tokenHash(keepToken)))
        : eq(sessions.userId, userId),
    );
}

export async function purgeExpiredSessions(tx: Db): Promise<void> {
  await tx.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
