import pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import { NOTIFICATIONS_CHANNEL } from '../modules/notifications/notifications-repo.js';
import { CHANGE_CHANNEL } from '../modules/tickets/events-repo.js';

/** A committed change to a ticket, as open desks hear about it. */
export interface TicketChange {
  eventId: number;
  ticketId: number;
  type: string;
  visibility: 'public' | 'internal';
}

export type ChangeListener = (change: TicketChange) => void;

/** A notification committed for one person (by any node's worker). */
export interface NotificationNotice {
  id: number;
  personId: number;
}

export type NotificationListener = (notice: NotificationNotice) => void;

/** Tells this node about ticket changes and new notifications committed by any node. */
export interface ChangeFeed {
  subscribe(listener: ChangeListener): () => void;
  subscribeNotifications(listener: NotificationListener): () => void;
  close(): Promise<void>;
}

class ListenerSet<T = TicketChange> {
  private readonly listeners = new Set<(value: T) => void>();
  get size() {
    return this.listeners.size;
  }
  add(listener: (value: T) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  emit(change: T) {
    for (const listener of this.listeners) listener(change);
  }
}

/**
 * PostgreSQL: LISTEN on the channel that event writes notify in their own
 * transaction, so a notice exists only for committed changes. Reconnects on loss.
 */
export function postgresChangeFeed(databaseUrl: string, log: Logger): ChangeFeed {
  const listeners = new ListenerSet();
  const notices = new ListenerSet<NotificationNotice>();
  let client: pg.Client | null = null;
  let closed = false;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on('notification', (msg) => {
      if (msg.channel === NOTIFICATIONS_CHANNEL && msg.payload) notices.emit(JSON.parse(msg.payload) as NotificationNotice);
      if (msg.channel !== CHANGE_CHANNEL || !msg.payload) return;
      listeners.emit(JSON.parse(msg.payload) as TicketChange);
    });
    c.on('error', (err) => {
      log.warn({ err }, 'change feed connection lost; reconnecting');
      client = null;
      c.end().catch(() => undefined);
      scheduleReconnect(1000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGE_CHANNEL}`);
      await c.query(`LISTEN ${NOTIFICATIONS_CHANNEL}`);
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    if (closed) await c.end().catch(() => undefined);
    else client = c;
  };
  // Keeps trying, backing off to 30 s, until it listens again or the feed is closed.
  const scheduleReconnect = (delayMs: number): void => {
    if (closed) return;
    setTimeout(() => {
      if (closed) return;
      connect().catch((err: unknown) => {
        log.warn({ err }, 'change feed could not reconnect; retrying');
        scheduleReconnect(Math.min(delayMs * 2, 30_000));
      });
    }, delayMs).unref();
  };
  const ready = connect().catch((err: unknown) => {
    log.error({ err }, 'change feed could not connect; retrying');
    scheduleReconnect(1000);
  });
  return {
    subscribe: (listener) => listeners.add(listener),
    subscribeNotifications: (listener) => notices.add(listener),
    close: async () => {
      closed = true;
      await ready;
      await client?.end().catch(() => undefined);
    },
  };
}

/**
 * SQLite: one writer at a time means ids commit in order, so reading a table past the
 * last id seen misses nothing. Polls only while someone listens.
 */
export function sqliteChangeFeed(db: Db, log: Logger, intervalMs = 500): ChangeFeed {
  const changes = tablePoller<TicketChange>({
    what: 'change feed',
    log,
    intervalMs,
    maxId: async () => Number((await db.selectFrom('ticket_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0),
    after: async (id) =>
      (
        await db.selectFrom('ticket_events').select(['id', 'ticket_id', 'type', 'visibility']).where('id', '>', id).orderBy('id').limit(500).execute()
      ).map((r) => ({ id: r.id, message: { eventId: r.id, ticketId: r.ticket_id, type: r.type, visibility: r.visibility } })),
  });
  const notices = tablePoller<NotificationNotice>({
    what: 'notification feed',
    log,
    intervalMs,
    maxId: async () => Number((await db.selectFrom('notifications').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0),
    after: async (id) =>
      (await db.selectFrom('notifications').select(['id', 'person_id']).where('id', '>', id).orderBy('id').limit(500).execute()).map((r) => ({
        id: r.id,
        message: { id: r.id, personId: r.person_id },
      })),
  });
  return {
    subscribe: (listener) => changes.subscribe(listener),
    subscribeNotifications: (listener) => notices.subscribe(listener),
    close: async () => {
      changes.close();
      notices.close();
    },
  };
}

interface TablePollerOptions<M> {
  what: string;
  log: Logger;
  intervalMs: number;
  maxId: () => Promise<number>;
  after: (id: number) => Promise<{ id: number; message: M }[]>;
}

/** Polls one table by increasing id and hands each new row's message to the listeners. */
function tablePoller<M>({ what, log, intervalMs, maxId, after }: TablePollerOptions<M>) {
  const listeners = new ListenerSet<M>();
  let lastId: number | null = null;
  let busy = false;
  const poll = async () => {
    if (busy || listeners.size === 0) return;
    busy = true;
    try {
      if (lastId === null) lastId = await maxId();
      for (const row of await after(lastId)) {
        lastId = row.id;
        listeners.emit(row.message);
      }
    } catch (err) {
      log.warn({ err }, `${what} poll failed`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void poll(), intervalMs);
  timer.unref();
  return {
    subscribe: (listener: (message: M) => void) => {
      const first = listeners.size === 0;
      const unsubscribe = listeners.add(listener);
      // Take the starting point now, not at the next tick: a row committed in between
      // would otherwise count as already seen and never reach the new listener.
      if (first) {
        lastId = null;
        void poll();
      }
      return unsubscribe;
    },
    close: () => clearInterval(timer),
  };
}
