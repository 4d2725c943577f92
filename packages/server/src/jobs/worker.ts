import type { AppContext } from '../http/app-context.js';
import { autoCloseTickets } from '../modules/tickets/index.js';

/**
 * The background role. Today it runs the auto-close sweep, which is idempotent
 * and version-checked, so any number of workers may run it at once. The durable
 * job engine (scheduled, retried, dead-lettered jobs) replaces this loop later;
 * see docs/decisions/0006-sweep-before-job-engine.md.
 */
export function startWorker(ctx: AppContext): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = autoCloseTickets(ctx.db, ctx.now())
      .then((closed) => {
        if (closed > 0) ctx.log.info({ closed }, 'auto-closed resolved tickets');
      })
      .catch((err: unknown) => ctx.log.error({ err }, 'auto-close sweep failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, ctx.config.sweepIntervalMs);
      });
  };
  timer = setTimeout(tick, 1000);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
