import { allowedNextStatuses, canTransition, isOpenStatus, type TicketStatus } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import type { TicketRow, TicketUpdate } from '../../db/types.js';
import { conflict, invalid, notFound, staleVersion } from '../../errors.js';
import type { Actor } from '../identity/index.js';
import type { MailOrigin } from '../mail/index.js';
import { computeTicketSla, slaQueueDueAt } from '../sla/index.js';
import { appendEvent } from './events-repo.js';
import { rememberSla } from './present-with-sla.js';
import { scheduleSlaCheck } from './schedule-sla-check.js';
import { authorize, type TicketAbility } from './ticket-policy.js';
import { findTicketView, type TicketView, updateTicketAtVersion } from './tickets-repo.js';

/** What every ticket use case receives besides its own input. */
export interface UseCaseContext {
  tx: Tx;
  actor: Actor;
  now: number;
  /** Where the desk's mail comes from; without it no mail is queued (the demo's stories). */
  mail?: MailOrigin;
}

/** Loads a ticket for an act: 404 when unseen, 403 when forbidden, 412 when the caller's copy is stale. */
export async function loadTicketFor(
  tx: Tx,
  actor: Actor,
  ref: string | number,
  ability: TicketAbility,
  expectedVersion?: number,
): Promise<TicketView> {
  const ticket = await findTicketView(tx, ref);
  if (!ticket) throw notFound();
  authorize(actor, ability, ticket);
  if (expectedVersion !== undefined && expectedVersion !== ticket.version) throw staleVersion(ticket.version);
  return ticket;
}

/**
 * Reads a ticket back at the end of a write, with its queue key (`due_at`) brought up to
 * date: the key replays the SLA clocks from the stored events, so it can only be computed
 * once the write's events are appended. Every use case that changes a ticket ends here.
 * The replay runs to the last write (`updated_at`): due instants do not move between
 * writes, because business time is additive (decision 0016). The ticket's next SLA check
 * is scheduled here too, from the same replay (decision 0020).
 */
export async function reloadTicket(tx: Tx, id: number): Promise<TicketView> {
  const ticket = await findTicketView(tx, id);
  if (!ticket) throw notFound();
  const sla = await computeTicketSla(tx, ticket, ticket.updated_at);
  const dueAt = slaQueueDueAt(ticket, sla?.state ?? null, ticket.updated_at);
  if (dueAt !== ticket.due_at) {
    await tx.updateTable('tickets').set({ due_at: dueAt }).where('id', '=', id).execute();
    ticket.due_at = dueAt;
  }
  await scheduleSlaCheck(tx, ticket, sla, ticket.updated_at);
  rememberSla(ticket, ticket.updated_at, sla);
  return ticket;
}

/** Refuses a move the state machine does not allow, naming the moves it does. */
export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (!canTransition(from, to)) {
    const allowed = allowedNextStatuses(from);
    throw conflict(`A ${from} ticket cannot move to ${to}; allowed next: ${allowed.join(', ') || 'none'}`, allowed);
  }
}

/** A promise must be in the future and within reach; a promise a month out is not a promise. */
export function assertPromise(field: string, iso: string, now: number): number {
  const at = Date.parse(iso);
  if (at <= now) throw invalid(field, 'must be in the future');
  if (at > now + 30 * 24 * 60 * 60 * 1000) throw invalid(field, 'must be within 30 days');
  return at;
}

/** Saves a change, bumping the version; `reloadTicket` then re-keys it for the queue. */
export async function saveTicket(tx: Tx, before: TicketRow, changes: TicketUpdate, now: number): Promise<void> {
  const status = changes.status ?? before.status;
  await updateTicketAtVersion(tx, before.id, before.version, { ...changes, is_open: isOpenStatus(status) ? 1 : 0, updated_at: now });
}

/** Moves status and records it on the timeline, in the caller's transaction. */
export async function moveTicket(
  ctx: UseCaseContext,
  ticket: TicketView,
  to: TicketStatus,
  changes: TicketUpdate,
  event: { body?: string | null; data?: Record<string, unknown>; type?: 'status_changed' | 'acknowledged' | 'reopened' | 'confirmed' | 'auto_closed' },
): Promise<TicketView> {
  assertTransition(ticket.status, to);
  await saveTicket(ctx.tx, ticket, { ...changes, status: to }, ctx.now);
  await appendEvent(ctx.tx, {
    ticketId: ticket.id,
    type: event.type ?? 'status_changed',
    visibility: 'public',
    actorId: ctx.actor.id > 0 ? ctx.actor.id : null,
    body: event.body ?? null,
    data: { from: ticket.status, to, ...event.data },
    now: ctx.now,
  });
  return reloadTicket(ctx.tx, ticket.id);
}
