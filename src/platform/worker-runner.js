// A worker thread of platform/worker-task.ts: loads TypeScript as the server does (through tsx),
// then for each message imports the module, calls the function and posts its result or error.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();

parentPort.on('message', async ({ module, name, args }) => {
  try {
    const mod = await import(module);
    const value = await mod[name](...args);
    parentPort.postMessage({ ok: true, value });
  } catch (err) {
    const e = err ?? {};
    parentPort.postMessage({
      ok: false,
      error: {
        app: typeof e.status === 'number' && typeof e.code === 'string',
        status: e.status,
        code: e.code,
        message: String(e.message ?? e),
        details: e.details,
        stack: e.stack,
      },
    });
  }
});
