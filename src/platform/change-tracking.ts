import type { SQL } from 'drizzle-orm';
import type { Db } from './db/client';

/**
 * Features that keep something derived from another feature's rows (a cache of figures, say)
 * register here, so that every write to those rows keeps it exact in the write's own
 * transaction without the writing feature knowing who listens.
 *
 * `before` runs first in the write's transaction and sees the rows as they were; it should lock
 * them so that concurrent writes to the same rows queue. `after` runs once the write is done
 * and receives what `before` returned. `rebuild` recomputes everything, for bulk loads that
 * bypass the tracked write paths.
 */
export interface ChangeListener<State = unknown> {
  /** What it keeps, for progress lines of a rebuild (e.g. 两个普遍统计缓存). */
  name?: string;
  before(tx: Db, where: SQL): Promise<State>;
  after(tx: Db, where: SQL, state: State): Promise<void>;
  rebuild(tx: Db): Promise<void>;
}

/** Topics that can be tracked; `where` is a condition on the topic's table under alias `e`. */
export type ChangeTopic = 'enterprises';

const listeners = new Map<ChangeTopic, ChangeListener[]>();

export function listenToChanges<State>(topic: ChangeTopic, listener: ChangeListener<State>) {
  const list = listeners.get(topic) ?? [];
  list.push(listener);
  listeners.set(topic, list);
}

/**
 * Runs `write`, which changes the rows of `topic` matching `where` (evaluated before and after
 * the write: it must select the changed rows both times), and lets every listener follow.
 */
export async function tracked<T>(
  tx: Db,
  topic: ChangeTopic,
  where: SQL,
  write: () => Promise<T>,
): Promise<T> {
  const list = listeners.get(topic) ?? [];
  const states: unknown[] = [];
  for (const listener of list) states.push(await listener.before(tx, where));
  const result = await write();
  for (const [i, listener] of list.entries()) await listener.after(tx, where, states[i]);
  return result;
}

/**
 * After a bulk load of `topic` that went around the tracked paths: every listener rebuilds, one
 * after another; `onRebuild` hears each one's name as it starts.
 */
export async function rebuildDerived(
  tx: Db,
  topic: ChangeTopic,
  onRebuild?: (name: string) => void,
): Promise<void> {
  for (const listener of listeners.get(topic) ?? []) {
    onRebuild?.(listener.name ?? '派生数据');
    await listener.rebuild(tx);
  }
}
