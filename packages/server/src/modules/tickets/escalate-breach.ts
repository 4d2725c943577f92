import { priorityFromRank, PRIORITIES, type SlaEscalation, type SlaTargetName } from '@deskside/shared';
import { assignTicket } from './assign-ticket.js';
import { nextTierGroup } from './sla-timers-repo.js';
import type { UseCaseContext } from './ticket-writes.js';
import type { TicketView } from './tickets-repo.js';
import { updateTicket } from './update-ticket.js';

const TARGET_WORDS: Record<SlaTargetName, string> = { firstResponse: 'first response', nextUpdate: 'next update', restore: 'restore', resolve: 'resolve' };

/**
 * A breach's escalation, through the same use cases as the API so the timeline tells it:
 * the priority goes up one step as an override whose reason names the breach (a P1 stays
 * P1), and/or the ticket moves to the lowest group of a higher tier (ties by name), which
 * leaves it unassigned there. Returns the ticket as it now is.
 */
export async function escalateBreach(ctx: UseCaseContext, ticket: TicketView, target: SlaTargetName, escalation: SlaEscalation): Promise<TicketView> {
  const reason = `SLA breached: ${TARGET_WORDS[target]}`;
  let current = ticket;
  const rank = PRIORITIES.indexOf(priorityFromRank(current.priority));
  if (escalation.raisePriority && rank > 0) {
    current = await updateTicket(ctx, current, { priorityOverride: { priority: PRIORITIES[rank - 1]!, reason } });
  }
  if (escalation.moveToNextTier) {
    const group = await nextTierGroup(ctx.tx, current.group_tier);
    if (group) current = await assignTicket(ctx, current, { groupId: group.id, note: reason });
  }
  return current;
}
