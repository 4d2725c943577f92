import type { Priority } from './priority.js';
import type { TicketStatus } from './ticket-status.js';

const MINUTE = 60_000;

/**
 * How long a new ticket may wait for its acknowledgement before it is overdue.
 * The SLA policies of a later release replace these defaults per policy.
 */
export const DEFAULT_ACKNOWLEDGE_TARGET_MINUTES: Record<Priority, number> = { P1: 15, P2: 30, P3: 120, P4: 480 };

/** How long an acknowledged ticket may go without a promise before the queue treats it as due. */
export const DEFAULT_UPDATE_CADENCE_MINUTES: Record<Priority, number> = { P1: 30, P2: 120, P3: 480, P4: 1440 };

export interface QueueClockInput {
  status: TicketStatus;
  priority: Priority;
  createdAt: number;
  updatedAt: number;
  nextUpdateAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
}

/**
 * The moment the desk owes the requester something next: the queue sorts by it
 * within a priority, so the oldest promise or target comes first, never arrival.
 */
export function queueDueAt(t: QueueClockInput): number {
  if (t.status === 'new') return t.createdAt + DEFAULT_ACKNOWLEDGE_TARGET_MINUTES[t.priority] * MINUTE;
  if (t.status === 'closed') return t.closedAt ?? t.updatedAt;
  if (t.status === 'resolved') return t.resolvedAt ?? t.updatedAt;
  return t.nextUpdateAt ?? t.updatedAt + DEFAULT_UPDATE_CADENCE_MINUTES[t.priority] * MINUTE;
}
