import type { Db, Tx } from '../../db/connect.js';
import { notifyAfterCommit } from '../../db/postgres-dialect.js';

type Q = Db | Tx;

/** The channel a node's change feed listens on for new notifications; see live/change-feed.ts. */
export const NOTIFICATIONS_CHANNEL = 'deskside_notifications';

export interface NewNotificationRow {
  personId: number;
  ticketId: number | null;
  kind: string;
  title: string;
  body: string | null;
  sourceKey: string;
  createdAt: number;
}

/** The people among `ids` who still have an account that works; a disabled person gets nothing new. */
export async function activePeople(q: Q, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await q.selectFrom('users').select('id').where('id', 'in', ids).where('disabled_at', 'is', null).execute();
  return rows.map((r) => r.id);
}

/**
 * Inserts the rows that do not exist yet (unique per person and source) and returns
 * what was new. On PostgreSQL the same transaction tells listening nodes, so a
 * browser hears of a notification only once it is committed.
 */
export async function insertNotifications(tx: Tx, rows: readonly NewNotificationRow[]): Promise<{ id: number; personId: number }[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insertInto('notifications')
    .values(
      rows.map((r) => ({
        person_id: r.personId,
        ticket_id: r.ticketId,
        kind: r.kind,
        title: r.title,
        body: r.body,
        source_key: r.sourceKey,
        created_at: r.createdAt,
        read_at: null,
      })),
    )
    .onConflict((oc) => oc.columns(['person_id', 'source_key']).doNothing())
    .returning(['id', 'person_id'])
    .execute();
  const fresh = inserted.map((r) => ({ id: r.id, personId: r.person_id }));
  // After the commit, never for a rollback (decision 0019); a no-op on SQLite, which polls.
  for (const notice of fresh) await notifyAfterCommit(tx, NOTIFICATIONS_CHANNEL, JSON.stringify(notice));
  return fresh;
}

/** Number and subject of a ticket, for a notice's wording. */
export function ticketHeadline(q: Q, ticketId: number) {
  return q.selectFrom('tickets').select(['number', 'subject']).where('id', '=', ticketId).executeTakeFirst();
}

export interface NotificationPageQuery {
  unreadOnly: boolean;
  before?: number;
  limit: number;
}

/** One person's notifications, newest first, with the ticket number to link to. */
export function selectNotifications(q: Q, personId: number, page: NotificationPageQuery) {
  return q
    .selectFrom('notifications as n')
    .leftJoin('tickets as t', 't.id', 'n.ticket_id')
    .selectAll('n')
    .select('t.number as ticket_number')
    .where('n.person_id', '=', personId)
    .$if(page.unreadOnly, (qb) => qb.where('n.read_at', 'is', null))
    .$if(page.before !== undefined, (qb) => qb.where('n.id', '<', page.before!))
    .orderBy('n.id', 'desc')
    .limit(page.limit)
    .execute();
}

export type NotificationListRow = Awaited<ReturnType<typeof selectNotifications>>[number];

export async function countUnread(q: Q, personId: number): Promise<number> {
  const row = await q
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type ReadSelection = { ids: readonly number[] } | { upTo: number };

/** Marks the person's own unread notifications read; ids of anyone else's simply match nothing. */
export async function markRead(tx: Tx, personId: number, which: ReadSelection, now: number): Promise<number> {
  const mine = tx.updateTable('notifications').set({ read_at: now }).where('person_id', '=', personId).where('read_at', 'is', null);
  const chosen = 'ids' in which ? mine.where('id', 'in', [...which.ids]) : mine.where('id', '<=', which.upTo);
  const result = await chosen.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
