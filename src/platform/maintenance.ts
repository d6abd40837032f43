// Housekeeping that runs while the server does: on start and then every hour, each task in turn,
// a failing task logged and the others still run. The tasks are named where the app is assembled.
// Several app processes on one PostgreSQL server share the work: each task runs in one process at
// a time (an advisory lock) and once per period whichever process comes first (maintenance_runs).
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { execute, type Database } from './db/client';

export interface MaintenanceTask {
  name: string;
  run: () => Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Runs every housekeeping task now (the schedule also does, hourly). */
    runMaintenance: () => Promise<void>;
  }
}

export const MAINTENANCE_EVERY_MS = 3600_000;

/**
 * What became of one task: it ran here; another process is running it now; or another process
 * ran it within the period.
 */
export type MaintenanceOutcome = 'ran' | 'busy' | 'recent';

/**
 * A scheduled run skips a task that any process started within this share of the period, so
 * that the process whose turn it is does not miss its hour by a few milliseconds of drift.
 */
const RECENT_SHARE = 0.9;

/**
 * Runs `task` on `database`, unless (on a PostgreSQL server) another process is running it, or,
 * without `force`, ran it less than 90 % of `everyMs` ago. The embedded database has one process:
 * there the task just runs. A task that fails leaves no record, so the next turn runs it again.
 */
export async function runMaintenanceTask(
  database: Database,
  task: MaintenanceTask,
  options: { everyMs: number; force?: boolean },
): Promise<MaintenanceOutcome> {
  if (database.kind !== 'postgres') {
    await task.run();
    return 'ran';
  }
  // The transaction holds the task's lock while the task runs (on other connections) and records
  // the run at its end; a process that crashes mid-task releases the lock with its connection.
  return database.transaction(async (tx) => {
    const [lock] = await execute<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(hashtext(${`gonghui.maintenance:${task.name}`})) as locked`,
    );
    if (!lock?.locked) return 'busy';
    if (!options.force) {
      const within = Math.round(options.everyMs * RECENT_SHARE);
      const [recent] = await execute<{ task: string }>(
        tx,
        sql`select task from maintenance_runs
            where task = ${task.name} and started_at > now() - ${within} * interval '1 millisecond'`,
      );
      if (recent) return 'recent';
    }
    await task.run();
    await tx.execute(sql`
      insert into maintenance_runs (task, started_at, finished_at, runs, ran_by)
      values (${task.name}, now(), clock_timestamp(), 1, ${`${hostname()}:${process.pid}`})
      on conflict (task) do update set started_at = excluded.started_at,
        finished_at = excluded.finished_at, runs = maintenance_runs.runs + 1, ran_by = excluded.ran_by`);
    return 'ran';
  });
}

/** Runs `tasks` once the app is listening and then every `everyMs`; stops when the app closes. */
export function scheduleMaintenance(
  app: FastifyInstance,
  database: Database,
  tasks: MaintenanceTask[],
  everyMs = MAINTENANCE_EVERY_MS,
) {
  let running: Promise<void> | null = null;
  const runAll = async (force: boolean) => {
    for (const task of tasks) {
      try {
        const outcome = await runMaintenanceTask(database, task, { everyMs, force });
        app.log.info({ task: task.name, outcome }, 'maintenance task');
      } catch (err) {
        app.log.error({ err, task: task.name }, 'maintenance task failed');
        process.stderr.write(`${JSON.stringify({ level: 'error', task: task.name, error: String(err) })}\n`);
      }
    }
  };
  const runOnce = (force: boolean) => (running ??= runAll(force).finally(() => (running = null)));
  app.decorate('runMaintenance', () => runOnce(true));
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onListen', () => {
    void runOnce(false);
    timer = setInterval(() => void runOnce(false), everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await running;
  });
}
