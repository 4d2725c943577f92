import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Tx } from '../db/connect.js';
import { DomainError } from '../errors.js';
import type { Actor } from '../modules/identity/index.js';
import { presentTicketWithSla, type TicketView } from '../modules/tickets/index.js';

/** Reads If-Match ("3", W/"3" or 3) as the version the caller last saw. */
export function expectedVersion(req: FastifyRequest): number | undefined {
  const header = req.headers['if-match'];
  if (header === undefined || header === '*') return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(String(header).trim());
  if (!match) throw new DomainError(400, 'Bad Request', 'If-Match must be the ticket version, e.g. "3"', { field: 'If-Match' });
  return Number(match[1]);
}

/**
 * The ticket as this actor sees it, SLA clocks as of `now` included for staff, with its
 * version as the ETag for the next write. Inside a write, pass its transaction.
 */
export async function sendTicket(reply: FastifyReply, view: TicketView, actor: Actor, q: Db | Tx, now: number) {
  reply.header('etag', `"${view.version}"`);
  return presentTicketWithSla(q, actor, view, now);
}
