// CPU-heavy work on a user's file (parsing an old bulletin, say) runs in a worker thread with a
// time limit, so that the server's own thread keeps answering while it runs and a file built to
// be slow is stopped instead of holding everyone up. The function takes and returns plain data;
// an AppError it throws arrives as that AppError. Idle threads are kept for the next task (a
// thread takes a few hundred milliseconds to load the code), and a thread that ran out of time
// is stopped and replaced.
import { Worker } from 'node:worker_threads';
import { AppError } from './errors';

// The thread (worker-runner.js) loads TypeScript as the server does and runs one call per message.
const RUNNER_URL = new URL('./worker-runner.js', import.meta.url);
const KEEP_IDLE = 2;
const HEAP_MB = 512;

interface WorkerReply {
  ok: boolean;
  value?: unknown;
  error?: { app: boolean; status: number; code: string; message: string; details?: unknown; stack?: string };
}

export interface WorkerTaskOptions {
  /** Beyond this the thread is stopped and `tooSlow()` is thrown. */
  timeoutMs: number;
  tooSlow: () => Error;
}

const idle: Worker[] = [];

function takeWorker(): Worker {
  const worker =
    idle.pop() ?? new Worker(RUNNER_URL, { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
  worker.ref();
  return worker;
}

function giveBack(worker: Worker) {
  worker.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
  if (idle.length >= KEEP_IDLE) return void worker.terminate();
  // An idle thread never keeps the process alive.
  worker.unref();
  worker.once('exit', () => idle.splice(idle.indexOf(worker) >>> 0, 1));
  idle.push(worker);
}

function fromReply(reply: WorkerReply): Error {
  const e = reply.error!;
  if (e.app) return new AppError(e.status, e.code, e.message, e.details as Record<string, unknown>);
  const err = new Error(e.message);
  err.stack = e.stack;
  return err;
}

/** Calls the export `name` of the module at `moduleUrl` with `args` in a worker thread. */
export function runInWorker<T>(
  moduleUrl: URL,
  name: string,
  args: unknown[],
  options: WorkerTaskOptions,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = takeWorker();
    let settled = false;
    const settle = (reusable: boolean, fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (reusable) giveBack(worker);
      else void worker.terminate();
      fn();
    };
    const timer = setTimeout(() => settle(false, () => reject(options.tooSlow())), options.timeoutMs);
    worker.once('message', (reply: WorkerReply) =>
      settle(true, () => (reply.ok ? resolve(reply.value as T) : reject(fromReply(reply)))),
    );
    worker.once('error', (err) =>
      settle(false, () =>
        reject(
          (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError(413, 'TOO_LARGE', '文件内容过多，超出了可处理的范围')
            : err,
        ),
      ),
    );
    worker.once('exit', (code) => settle(false, () => reject(new Error(`worker exited with code ${code}`))));
    worker.postMessage({ module: moduleUrl.href, name, args });
  });
}
