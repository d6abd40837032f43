import { and, eq, sql } from 'drizzle-orm';
import { inScope, type Actor } from './access';
import { db } from './db/client';
import { AppError, notFound } from './errors';
import { newId } from './ids';
import { jobs } from './tables';
import type { JobView } from './shared/jobs-contract';

type JobRow = typeof jobs.$inferSelect;

/**
 * Live progress of running jobs of this process. On a shared PostgreSQL server it is also
 * written to the job's row at most every PROGRESS_WRITE_MS, so a poll that reaches another app
 * process sees it move; the embedded database has one process, which reads it from here.
 */
const live = new Map<string, { progress: number; total: number | null; message: string | null }>();

export interface JobContext {
  id: string;
  /** Reports progress; cheap to call often (kept in memory, written to the row now and then). */
  progress(done: number, total?: number | null, message?: string | null): void;
}

function present(row: JobRow): JobView {
  const now = live.get(row.id);
  return {
    id: row.id,
    kind: row.kind,
    state: row.state as JobView['state'],
    progress: now?.progress ?? row.progress,
    total: now?.total ?? row.total,
    message: now?.message ?? row.message,
    result: row.result ?? null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Starts long work in the background and returns its job at once. The work must leave the
 * database unchanged when it fails (imports commit in one transaction at their end).
 */
export async function startJob(
  actor: Actor,
  kind: string,
  orgPath: string,
  work: (job: JobContext) => Promise<unknown>,
): Promise<JobView> {
  const id = newId();
  const [row] = await db.orm
    .insert(jobs)
    .values({ id, kind, state: 'running', actorId: actor.id, orgPath })
    .returning();
  live.set(id, { progress: 0, total: null, message: null });
  let changed = false;
  const context: JobContext = {
    id,
    progress(done, total, message) {
      const entry = live.get(id);
      if (!entry) return;
      entry.progress = done;
      if (total !== undefined) entry.total = total;
      if (message !== undefined) entry.message = message;
      changed = true;
    },
  };
  // On a shared server: the progress, when it moved, for the other processes' polls; else a
  // heartbeat now and then that tells them the job is still alive. One write at a time, and
  // never over the final state.
  let writing: Promise<unknown> | null = null;
  let lastWrite = Date.now();
  const tick = () => {
    const entry = live.get(id);
    if (writing || !entry || !(changed || Date.now() - lastWrite >= HEARTBEAT_MS)) return;
    changed = false;
    lastWrite = Date.now();
    writing = db.orm
      .update(jobs)
      .set({ progress: entry.progress, total: entry.total, message: entry.message, updatedAt: new Date() })
      .where(and(eq(jobs.id, id), eq(jobs.state, 'running')))
      .catch(() => undefined)
      .finally(() => (writing = null));
  };
  const ticker = setInterval(tick, db.kind === 'postgres' ? PROGRESS_WRITE_MS : HEARTBEAT_MS);
  ticker.unref();
  void (async () => {
    let state = 'succeeded';
    let result: unknown = null;
    let message: string | null = null;
    try {
      result = await work(context);
    } catch (err) {
      state = 'failed';
      message = err instanceof AppError ? err.message : '任务失败：服务器内部错误，未写入任何数据';
      result = err instanceof AppError ? { code: err.code, details: err.details ?? null } : null;
      if (!(err instanceof AppError)) console.error(`job ${kind} ${id} failed`, err);
    }
    clearInterval(ticker);
    await (writing as Promise<unknown> | null); // set by the ticker, which TypeScript cannot see
    const entry = live.get(id);
    try {
      await db.orm
        .update(jobs)
        .set({
          state,
          result,
          message: message ?? entry?.message ?? null,
          progress: entry?.progress ?? 0,
          total: entry?.total ?? null,
          finishedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(eq(jobs.id, id));
    } finally {
      live.delete(id);
    }
  })();
  return present(row!);
}

/** Progress of a job running in this process, from memory; null once it has ended. */
export function liveJobProgress(
  id: string,
): { progress: number; total: number | null; message: string | null } | null {
  const entry = live.get(id);
  return entry ? { ...entry } : null;
}

/** A job the actor started, or one in their scope. */
export async function getJob(actor: Actor, id: string): Promise<JobView> {
  const [row] = await db.orm.select().from(jobs).where(eq(jobs.id, id));
  if (!row || (row.actorId !== actor.id && !inScope(actor, row.orgPath))) throw notFound('任务');
  return present(row);
}

/** Waits until a job ends (tests and the command line). */
export async function waitForJob(actor: Actor, id: string, pollMs = 50): Promise<JobView> {
  for (;;) {
    const job = await getJob(actor, id);
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

const HEARTBEAT_MS = 30_000;
/** How often a running job's progress is written to its row on a shared server. */
const PROGRESS_WRITE_MS = 1000;

/**
 * At start-up: jobs left running by a stopped process ended without writing anything (their
 * work commits in one transaction at the end). On the embedded database this process is the
 * only one, so every running job is dead; on a shared server only those without a heartbeat.
 */
export async function failInterruptedJobs(): Promise<number> {
  const stale = db.kind === 'pglite' ? sql`true` : sql`${jobs.updatedAt} < now() - interval '2 minutes'`;
  const rows = await db.orm
    .update(jobs)
    .set({
      state: 'failed',
      message: '服务重启，任务中断；未写入任何数据，请重新提交',
      finishedAt: new Date(),
    })
    .where(and(eq(jobs.state, 'running'), stale))
    .returning({ id: jobs.id });
  return rows.length;
}
