// Work in a worker thread: results and AppErrors come back as they were; work beyond its time
// is stopped with the caller's error, and the next task still runs.
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { runInWorker } from './worker-task';

const TASKS = new URL('../../tests/slow-task.ts', import.meta.url);
const slow = () => new AppError(413, 'TOO_SLOW', '太慢');

describe('runInWorker', () => {
  it('returns the result, and brings an AppError back as an AppError', async () => {
    expect(await runInWorker<number>(TASKS, 'double', [21], { timeoutMs: 20_000, tooSlow: slow })).toBe(42);
    const err = await runInWorker(TASKS, 'refuse', [], { timeoutMs: 20_000, tooSlow: slow }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      status: 400,
      code: 'NOPE',
      message: '不行',
      details: [{ field: 'x', message: '不行' }],
    });
  }, 60_000);

  it('stops work beyond its time while this thread keeps running, then runs the next task', async () => {
    await runInWorker(TASKS, 'double', [1], { timeoutMs: 20_000, tooSlow: slow }); // a warm thread
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    const started = Date.now();
    const err = await runInWorker(TASKS, 'spin', [10_000], { timeoutMs: 500, tooSlow: slow }).catch(
      (e: unknown) => e,
    );
    clearInterval(ticker);
    expect(err).toMatchObject({ status: 413, code: 'TOO_SLOW' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(ticks).toBeGreaterThan(10); // this thread was free while the worker spun
    expect(await runInWorker<number>(TASKS, 'double', [5], { timeoutMs: 20_000, tooSlow: slow })).toBe(10);
  }, 60_000);
});
