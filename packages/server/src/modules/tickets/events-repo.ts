import type { TicketEventType } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import { notifyAfterCommit } from '../../db/postgres-dialect.js';
import type { TicketChange } from '../../live/change-feed.js';

type Q = Db | Tx;

export interface NewTicketEvent {
  ticketId: number;
  type: TicketEventType;
  visibility: 'public' | 'internal';
  actorId: number | null;
  body?: string | null;
  data?: Record<string, unknown>;
  now: number;
}

/** The channel open desks listen on; see live/change-feed.ts. */
export const CHANGE_CHANNEL = 'deskside_ticket_changes';

/**
 * Appends one timeline event inside the transaction that made the change.
 * On PostgreSQL listening nodes are notified right after that transaction
 * commits, and never if it rolls back (decision 0019).
 */
export async function appendEvent(tx: Tx, e: NewTicketEvent): Promise<number> {
  const values = {
    ticket_id: e.ticketId,
    type: e.type,
    visibility: e.visibility,
    actor_id: e.actorId,
    body: e.body ?? null,
    data: JSON.stringify(e.data ?? {}),
    created_at: e.now,
  };
  const row = await tx.insertInto('ticket_events').values(values).returning('id').executeTakeFirstOrThrow();
  const change: TicketChange = { eventId: row.id, ticketId: e.ticketId, type: e.type, visibility: e.visibility };
  await notifyAfterCommit(tx, CHANGE_CHANNEL, JSON.stringify(change));
  return row.id;
}

export async function listEvents(q: Q, ticketId: number, includeInternal: boolean) {
  let query = q
    .selectFrom('ticket_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .selectAll('e')
    .select('u.name as actor_name')
    .where('e.ticket_id', '=', ticketId);
  if (!includeInternal) query = query.where('e.visibility', '=', 'public');
  return query.orderBy('e.id').execute();
}
