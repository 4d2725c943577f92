import { isOpenStatus, PAUSED_SORT_OFFSET, priorityFromRank, queueDueAt, SLA_TARGETS, type SlaState } from '@deskside/shared';
import type { TicketRow } from '../../db/types.js';

/**
 * The queue's sort key within a priority (`tickets.due_at`): the earliest of the promised
 * next update and the due instants of the running SLA clocks, overdue ones included.
 * Paused clocks do not count; a ticket with nothing running sorts after every running one
 * (at PAUSED_SORT_OFFSET plus what its clocks have left), until a write resumes it.
 * The value only changes when the ticket's history does, so every write recomputes it and
 * the queue stays an index walk.
 */
export function slaQueueDueAt(
  t: Pick<TicketRow, 'status' | 'priority' | 'created_at' | 'next_update_at' | 'resolved_at' | 'closed_at'>,
  state: SlaState | null,
  now: number,
): number {
  const legacy = () =>
    queueDueAt({
      status: t.status, priority: priorityFromRank(t.priority), createdAt: t.created_at, updatedAt: now,
      nextUpdateAt: t.next_update_at, resolvedAt: t.resolved_at, closedAt: t.closed_at,
    });
  if (!isOpenStatus(t.status) || state === null) return legacy();
  let due = t.next_update_at ?? Infinity;
  let pausedLeft = Infinity;
  for (const name of SLA_TARGETS) {
    const clock = state[name];
    if (clock.dueAt !== null) due = Math.min(due, clock.dueAt);
    else if (clock.state === 'paused' && clock.remainingMs !== null) pausedLeft = Math.min(pausedLeft, clock.remainingMs);
  }
  if (due !== Infinity) return due;
  if (pausedLeft !== Infinity) return PAUSED_SORT_OFFSET + Math.max(pausedLeft, -PAUSED_SORT_OFFSET / 2);
  return legacy();
}

/** True when a stored due_at is a real instant rather than the paused-ticket sort key. */
export function isRealDueAt(dueAt: number): boolean {
  return dueAt < PAUSED_SORT_OFFSET / 2;
}
