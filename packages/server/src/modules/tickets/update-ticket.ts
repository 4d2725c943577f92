import { priorityFor, priorityFromRank, priorityRank, type Level, type PriorityMatrix, type UpdateTicketBody } from '@deskside/shared';
import type { TicketUpdate } from '../../db/types.js';
import { getDeskSettings } from '../settings/index.js';
import { appendEvent } from './events-repo.js';
import { reloadTicket, saveTicket, type UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';

const FIELDS = ['subject', 'description', 'impact', 'urgency', 'category'] as const;

/**
 * Edits fields and records each change with its before and after. Priority follows
 * the matrix unless overridden; an override carries its reason onto the timeline.
 */
export async function updateTicket(ctx: UseCaseContext, ticket: TicketView, input: UpdateTicketBody) {
  const { tx, actor, now } = ctx;
  const changes: TicketUpdate = {};
  const diffs: { field: string; before: unknown; after: unknown; reason?: string }[] = [];
  for (const field of FIELDS) {
    const after = input[field];
    if (after !== undefined && after !== ticket[field]) {
      Object.assign(changes, { [field]: after });
      diffs.push({ field, before: ticket[field], after });
    }
  }
  let override = ticket.priority_override;
  let reason = ticket.priority_override_reason;
  if (input.priorityOverride !== undefined) {
    override = input.priorityOverride ? priorityRank(input.priorityOverride.priority) : null;
    reason = input.priorityOverride?.reason ?? null;
    changes.priority_override = override;
    changes.priority_override_reason = reason;
  }
  const { priorityMatrix } = await getDeskSettings(tx);
  const impact = (changes.impact ?? ticket.impact) as Level;
  const urgency = (changes.urgency ?? ticket.urgency) as Level;
  const priority = override ?? priorityRank(priorityFor(priorityMatrix as PriorityMatrix, impact, urgency));
  if (priority !== ticket.priority || input.priorityOverride !== undefined) {
    changes.priority = priority;
    diffs.push({
      field: 'priority',
      before: priorityFromRank(ticket.priority),
      after: priorityFromRank(priority),
      ...(override !== null && reason ? { reason } : { reason: 'from the impact x urgency matrix' }),
    });
  }
  if (diffs.length === 0) return ticket;
  await saveTicket(tx, ticket, changes, now);
  for (const diff of diffs) {
    await appendEvent(tx, {
      ticketId: ticket.id,
      type: 'field_changed',
      // Requesters see what they wrote change, not the desk's triage reasoning.
      visibility: diff.field === 'subject' || diff.field === 'description' ? 'public' : 'internal',
      actorId: actor.id > 0 ? actor.id : null,
      body: diff.reason ?? null,
      data: { field: diff.field, before: diff.before, after: diff.after },
      now,
    });
  }
  return reloadTicket(tx, ticket.id);
}
