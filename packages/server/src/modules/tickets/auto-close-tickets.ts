import type { Db } from '../../db/connect.js';
import { DomainError } from '../../errors.js';
import { SYSTEM_ACTOR } from './system-actor.js';
import { moveTicket, reloadTicket } from './ticket-writes.js';
import { resolvedTicketsDueForClosing } from './tickets-repo.js';

/**
 * Closes resolved tickets whose requester stayed silent past the notice given at
 * resolution. Each ticket closes in its own transaction with a version check, so
 * several nodes sweeping at once close each ticket once.
 */
export async function autoCloseTickets(db: Db, now: number, batch = 200): Promise<number> {
  const due = await resolvedTicketsDueForClosing(db, now, batch);
  let closed = 0;
  for (const { id, version } of due) {
    try {
      await db.transaction().execute(async (tx) => {
        const ticket = await reloadTicket(tx, id);
        if (ticket.version !== version || ticket.status !== 'resolved') return;
        await moveTicket({ tx, actor: SYSTEM_ACTOR, now }, ticket, 'closed', { closed_at: now, auto_close_at: null }, {
          type: 'auto_closed',
          body: 'Closed automatically: no reply after the resolution notice.',
        });
        closed++;
      });
    } catch (error) {
      if (!(error instanceof DomainError && error.status === 412)) throw error;
    }
  }
  return closed;
}
