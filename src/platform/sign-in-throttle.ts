// Throttling of password guesses that a stranger cannot turn against a user.
//
// - Per user name and address: five failures are free; each failure after that makes the pair
//   wait 1, 2, 4 … up to 60 minutes after it. A stranger guessing from elsewhere never holds back
//   the user at their own address.
// - Per address (many user names failing from one place): past 30 failures in 15 minutes the
//   address may only sign in to accounts that have signed in from it before, so the regular
//   users behind an office's shared address keep working while a guesser there is stopped.
// - Per account from everywhere (guessing spread over many addresses): past 50 failures in 15
//   minutes the account may only be signed in to from addresses it has used before.
// A success clears the failures of its pair and remembers the address for 90 days. The same
// pair rule guards the current password when a signed-in user changes it.
import { and, count, eq, gt, lt, max, min, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { newId } from './ids';
import { loginAddresses, loginFailures } from './tables';

export const THROTTLE = {
  /** Failures of one user name from one address before the waits begin. */
  pairFree: 5,
  pairMaxMinutes: 60,
  /** Failures of a pair older than this no longer count. */
  pairMemoryHours: 24,
  windowMinutes: 15,
  perAddress: 30,
  perAccount: 50,
  knownAddressDays: 90,
} as const;

export type AttemptKind = 'login' | 'password';

export interface Attempt {
  kind: AttemptKind;
  username: string;
  ip: string;
}

const MINUTE = 60_000;
const key = (username: string) => username.toLowerCase().slice(0, 100);

/** The wait a pair with `failures` failures, the last at `last`, still has at `now`, in ms. */
export function pairWait(failures: number, last: Date | null, now: number): number {
  if (failures < THROTTLE.pairFree || !last) return 0;
  const minutes = Math.min(2 ** (failures - THROTTLE.pairFree), THROTTLE.pairMaxMinutes);
  return Math.max(0, last.getTime() + minutes * MINUTE - now);
}

async function failuresWhere(tx: Db, where: ReturnType<typeof and>) {
  const [row] = await tx
    .select({ n: count(), first: min(loginFailures.at), last: max(loginFailures.at) })
    .from(loginFailures)
    .where(where);
  const asDate = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date));
  return { n: row?.n ?? 0, first: asDate(row?.first), last: asDate(row?.last) };
}

/** Whether the user name has signed in from this address within the remembered days. */
async function knownAddress(tx: Db, username: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - THROTTLE.knownAddressDays * 24 * 60 * MINUTE);
  const [row] = await tx
    .select({ n: count() })
    .from(loginAddresses)
    .where(
      and(
        eq(loginAddresses.username, key(username)),
        eq(loginAddresses.ip, ip),
        gt(loginAddresses.lastAt, since),
      ),
    );
  return (row?.n ?? 0) > 0;
}

/** Milliseconds until this attempt may be made; 0 when it may be made now. */
export async function attemptWait(tx: Db, attempt: Attempt): Promise<number> {
  const now = Date.now();
  const username = key(attempt.username);
  const pair = await failuresWhere(
    tx,
    and(
      eq(loginFailures.username, username),
      eq(loginFailures.ip, attempt.ip),
      eq(loginFailures.kind, attempt.kind),
      gt(loginFailures.at, new Date(now - THROTTLE.pairMemoryHours * 60 * MINUTE)),
    ),
  );
  const wait = pairWait(pair.n, pair.last, now);
  if (wait > 0 || attempt.kind !== 'login') return wait;
  const since = new Date(now - THROTTLE.windowMinutes * MINUTE);
  const windowEnd = (first: Date | null) =>
    first ? first.getTime() + THROTTLE.windowMinutes * MINUTE - now : 0;
  const byAddress = await failuresWhere(
    tx,
    and(eq(loginFailures.ip, attempt.ip), eq(loginFailures.kind, 'login'), gt(loginFailures.at, since)),
  );
  const byAccount = await failuresWhere(
    tx,
    and(eq(loginFailures.username, username), eq(loginFailures.kind, 'login'), gt(loginFailures.at, since)),
  );
  const crowded = byAddress.n >= THROTTLE.perAddress || byAccount.n >= THROTTLE.perAccount;
  if (!crowded || (await knownAddress(tx, username, attempt.ip))) return 0;
  return Math.max(
    MINUTE,
    byAddress.n >= THROTTLE.perAddress ? windowEnd(byAddress.first) : 0,
    byAccount.n >= THROTTLE.perAccount ? windowEnd(byAccount.first) : 0,
  );
}

export async function recordFailure(tx: Db, attempt: Attempt): Promise<void> {
  await tx
    .insert(loginFailures)
    .values({ id: newId(), kind: attempt.kind, username: key(attempt.username), ip: attempt.ip });
}

/** Clears the pair's failures; a sign-in also remembers the address for the user name. */
export async function recordSuccess(tx: Db, attempt: Attempt): Promise<void> {
  const username = key(attempt.username);
  await tx
    .delete(loginFailures)
    .where(
      and(
        eq(loginFailures.username, username),
        eq(loginFailures.ip, attempt.ip),
        eq(loginFailures.kind, attempt.kind),
      ),
    );
  if (attempt.kind === 'login')
    await tx
      .insert(loginAddresses)
      .values({ username, ip: attempt.ip })
      .onConflictDoUpdate({
        target: [loginAddresses.username, loginAddresses.ip],
        set: { lastAt: sql`now()` },
      });
}

/** Forgets failures that no longer count and addresses not used for the remembered days. */
export async function purgeThrottle(tx: Db): Promise<void> {
  await tx
    .delete(loginFailures)
    .where(lt(loginFailures.at, new Date(Date.now() - THROTTLE.pairMemoryHours * 60 * MINUTE)));
  await tx
    .delete(loginAddresses)
    .where(lt(loginAddresses.lastAt, new Date(Date.now() - THROTTLE.knownAddressDays * 24 * 60 * MINUTE)));
}

/** The wait as people read it: 不到 1 分钟 is said as 1 分钟. */
export function waitMinutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / MINUTE));
}
