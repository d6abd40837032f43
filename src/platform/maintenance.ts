// Housekeeping that runs while the server does: on start and then every hour, each task in turn,
// a failing task logged and the others still run. The tasks are named where the app is assembled.
import type { FastifyInstance } from 'fastify';

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

/** Runs `tasks` once the app is listening and then every `everyMs`; stops when the app closes. */
export function scheduleMaintenance(
  app: FastifyInstance,
  tasks: MaintenanceTask[],
  everyMs = MAINTENANCE_EVERY_MS,
) {
  let running: Promise<void> | null = null;
  const runAll = async () => {
    for (const task of tasks) {
      try {
        await task.run();
      } catch (err) {
        app.log.error({ err, task: task.name }, 'maintenance task failed');
        process.stderr.write(`${JSON.stringify({ level: 'error', task: task.name, error: String(err) })}\n`);
      }
    }
  };
  const runOnce = () => (running ??= runAll().finally(() => (running = null)));
  app.decorate('runMaintenance', runOnce);
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onListen', () => {
    void runOnce();
    timer = setInterval(() => void runOnce(), everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await running;
  });
}
