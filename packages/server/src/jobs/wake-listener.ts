import pg from 'pg';
import type { Logger } from 'pino';
import { JOBS_CHANNEL } from './enqueue-job.js';

/**
 * PostgreSQL: wakes the engine when a due job commits on any node, so work starts
 * before the next poll. Only a shortcut: if the connection is lost, polling still
 * finds every job, and the listener quietly reconnects with backoff.
 */
export function listenForJobs(databaseUrl: string, log: Logger, onWake: () => void): { close(): Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 1000;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on('notification', () => onWake());
    c.on('error', (err) => {
      log.warn({ err }, 'job wake-up connection lost; polling until it is back');
      client = null;
      void c.end().catch(() => undefined);
      retry();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${JOBS_CHANNEL}`);
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    if (closed) await c.end().catch(() => undefined);
    else {
      client = c;
      retryMs = 1000;
    }
  };
  const retry = (): void => {
    if (closed) return;
    setTimeout(() => {
      if (closed) return;
      connect().catch(() => retry());
    }, retryMs).unref();
    retryMs = Math.min(retryMs * 2, 30_000);
  };
  connect().catch((err: unknown) => {
    log.warn({ err }, 'job wake-up could not listen; polling until it can');
    retry();
  });
  return {
    close: async () => {
      closed = true;
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
