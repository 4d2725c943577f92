import { allowedNextStatuses, canTransition, isOpenStatus, priorityFromRank, queueDueAt, type TicketStatus } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import type { TicketRow, TicketUpdate } from '../../db/types.js';
import { conflict, invalid, notFound, staleVersion } from '../../errors.js';
import type { Actor } from '../identity/index.js';
import { appendEvent } from './events-repo.js';
import { authorize, type TicketAbility } from './ticket-policy.js';
import { findTicketView, type TicketView, updateTicketAtVersion } from './tickets-repo.js';

/** What every ticket use case receives besides its own input. */
export interface UseCaseContext {
  tx: Tx;
  actor: Actor;
  now: number;
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

export async function reloadTicket(tx: Tx, id: number): Promise<TicketView> {
  const ticket = await findTicketView(tx, id);
  if (!ticket) throw notFound();
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

/** Saves a change with the derived queue columns kept in step, bumping the version. */
export async function saveTicket(tx: Tx, before: TicketRow, changes: TicketUpdate, now: number): Promise<void> {
  const merged = { ...before, ...changes, updated_at: now } as TicketRow;
  const derived = {
    is_open: isOpenStatus(merged.status) ? 1 : 0,
    due_at: queueDueAt({
      status: merged.status,
      priority: priorityFromRank(merged.priority),
      createdAt: merged.created_at,
      updatedAt: now,
      nextUpdateAt: merged.next_update_at,
      resolvedAt: merged.resolved_at,
      closedAt: merged.closed_at,
    }),
  };
  await updateTicketAtVersion(tx, before.id, before.version, { ...changes, ...derived, updated_at: now });
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
