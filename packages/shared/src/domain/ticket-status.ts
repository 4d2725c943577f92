/** The ticket lifecycle: one state machine, used by the server to enforce and the UI to offer. */
export const TICKET_STATUSES = [
  'new',
  'acknowledged',
  'in_progress',
  'pending',
  'restored',
  'resolved',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PENDING_REASONS = ['user', 'vendor', 'change'] as const;
export type PendingReason = (typeof PENDING_REASONS)[number];

/** Statuses in which the desk still owes the requester work. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'acknowledged', 'in_progress', 'pending', 'restored'];

const NEXT: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['acknowledged'],
  acknowledged: ['in_progress', 'pending', 'restored', 'resolved'],
  in_progress: ['pending', 'restored', 'resolved'],
  pending: ['in_progress', 'restored', 'resolved'],
  // A workaround that stops holding sends the ticket back to work.
  restored: ['in_progress', 'pending', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function allowedNextStatuses(from: TicketStatus): readonly TicketStatus[] {
  return NEXT[from];
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return NEXT[from].includes(to);
}

export function isOpenStatus(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** A reopen is the way back from resolved/closed; it is only offered inside the window. */
export function isWithinReopenWindow(resolvedAtMs: number, nowMs: number, windowDays: number): boolean {
  return nowMs - resolvedAtMs <= windowDays * 24 * 60 * 60 * 1000;
}
