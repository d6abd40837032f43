// Functions for the worker-task test: run in a worker thread by platform/worker-task.ts.
import { AppError } from '../src/platform/errors';

/** Keeps the thread busy for `ms` milliseconds, then answers. */
export function spin(ms: number): number {
  const until = Date.now() + ms;
  let n = 0;
  while (Date.now() < until) n += 1;
  return n;
}

export function double(n: number): number {
  return n * 2;
}

export function refuse(): never {
  throw new AppError(400, 'NOPE', '不行', [{ field: 'x', message: '不行' }]);
}
