import { createHash } from 'node:crypto';
import type { CreateTicketBody } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import { DomainError } from '../../errors.js';
import type { Actor } from '../identity/index.js';
import { createTicket, type TicketChannel } from './create-ticket.js';
import { reloadTicket } from './ticket-writes.js';
import { findIdempotentTicket, lockIdempotencyKey, rememberIdempotencyKey, type TicketView } from './tickets-repo.js';
import { isUniqueViolation } from '../../db/db-errors.js';

/**
 * Creates a ticket at most once per (caller, Idempotency-Key): a retried POST
 * answers with the ticket the first attempt made. Two racing attempts collide
 * on the key's primary key; the loser rolls back and reads the winner's ticket.
 */
export async function createTicketOnce(
  db: Db,
  actor: Actor,
  input: CreateTicketBody & { channel: TicketChannel },
  key: string | undefined,
  now: () => number,
): Promise<{ ticket: TicketView; replayed: boolean }> {
  if (!key) {
    const ticket = await db.transaction().execute((tx) => createTicket({ tx, actor, now: now() }, input));
    return { ticket, replayed: false };
  }
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (tx) => {
        await lockIdempotencyKey(tx, actor.id, key);
        const seen = await findIdempotentTicket(tx, actor.id, key);
        if (seen) {
          if (seen.request_hash !== requestHash) {
            throw new DomainError(422, 'Unprocessable Content', 'This Idempotency-Key was already used for a different request', { field: 'Idempotency-Key' });
          }
          return { ticket: await reloadTicket(tx, seen.ticket_id), replayed: true };
        }
        const at = now();
        const ticket = await createTicket({ tx, actor, now: at }, input);
        await rememberIdempotencyKey(tx, { actorId: actor.id, key, requestHash, ticketId: ticket.id, now: at });
        return { ticket, replayed: false };
      });
    } catch (error) {
      if (error instanceof DomainError || attempt >= 2 || !isUniqueViolation(error)) throw error;
    }
  }
}
