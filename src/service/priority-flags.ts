// The pairings' copy of "the enterprise is a three-category one" (service_pairings.priority), so
// that the dashboard and the unpaired list count paired priorities from the pairings alone, not
// by probing coverage's worklist per pairing. Kept three ways: a new pairing takes it from the
// worklist; a registry write that changes enterprises refreshes theirs (the enterprise listener,
// which runs after coverage's); and whenever the worklist is rebuilt or moves to a new day (its
// stamp changes), every current pairing is refreshed before the next read. Tested equal to the
// worklist after each.
import { sql, type SQL } from 'drizzle-orm';
import { db, type Db } from '../platform/db/client';
import { isPriority, worklistStamp, worklistsToToday } from '../coverage/service';

/** Sets the flag of the current pairings matching `where` (on `s`) to the worklist's answer. */
export async function refreshPriorityFlags(tx: Db, where: SQL = sql`true`): Promise<void> {
  await tx.execute(sql`
    update service_pairings s set priority = ${isPriority(sql`s.enterprise_id`)}
    where s.ended_on is null and ${where} and s.priority is distinct from ${isPriority(sql`s.enterprise_id`)}`);
}

/** Refreshes every current pairing's flag and records the worklist state it agrees with. */
export async function refreshAllPriorityFlags(tx: Db): Promise<void> {
  await refreshPriorityFlags(tx);
  const stamp = await worklistStamp(tx);
  if (stamp === null) return;
  await tx.execute(sql`
    insert into service_priority_state (id, stamp) values (1, ${stamp})
    on conflict (id) do update set stamp = excluded.stamp`);
}

/**
 * Brings the worklist to today and the pairings' flags to the worklist: a look at two stamps when
 * they agree. Call it outside any transaction, before reading the flags.
 */
export async function priorityFlagsToToday(): Promise<void> {
  await worklistsToToday();
  const current = await db.transaction(async (tx) => {
    const [mine] = await tx.execute<{ stamp: string }>(
      sql`select stamp from service_priority_state where id = 1`,
    );
    return mine?.stamp === (await worklistStamp(tx));
  });
  if (!current) await db.transaction((tx) => refreshAllPriorityFlags(tx));
}
