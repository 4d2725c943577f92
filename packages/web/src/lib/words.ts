import type { PendingReason, TicketEventType, TicketStatus, TicketType } from '@deskside/shared';

/** Status names for the desk. */
export const STATUS_LABELS: Record<TicketStatus, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  in_progress: 'In progress',
  pending: 'Pending',
  restored: 'Restored',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const PENDING_LABELS: Record<PendingReason, string> = {
  user: 'waiting on the requester',
  vendor: 'waiting on a vendor',
  change: 'waiting on a change',
};

export const TYPE_LABELS: Record<TicketType, string> = {
  incident: 'Incident',
  service_request: 'Service request',
};

/** Status in the words a requester uses: what it means for them, not for the desk. */
export function requesterStatus(status: TicketStatus, pendingReason: PendingReason | null): string {
  switch (status) {
    case 'new':
      return 'Received';
    case 'acknowledged':
    case 'in_progress':
      return "We're on it";
    case 'pending':
      if (pendingReason === 'vendor') return 'Waiting on a supplier';
      if (pendingReason === 'change') return 'Waiting for a planned change';
      return 'Waiting for you';
    case 'restored':
      return 'Working again (temporary fix)';
    case 'resolved':
      return 'Fixed — please confirm';
    case 'closed':
      return 'Closed';
  }
}

export const EVENT_LABELS: Record<TicketEventType, string> = {
  created: 'Reported',
  acknowledged: 'Acknowledged',
  public_reply: 'Reply',
  internal_note: 'Internal note',
  status_changed: 'Status changed',
  field_changed: 'Field changed',
  assigned: 'Assigned',
  accepted: 'Accepted',
  reopened: 'Reopened',
  confirmed: 'Confirmed working',
  auto_closed: 'Closed automatically',
  sla_warning: 'SLA at risk',
  sla_breached: 'SLA missed',
  went_silent: 'Went silent',
};

/** Event names on the portal, from the requester's side of the conversation. */
export const REQUESTER_EVENT_LABELS: Record<TicketEventType, string> = {
  created: 'Reported',
  acknowledged: "We're on it",
  public_reply: 'Message',
  internal_note: 'Note',
  status_changed: 'Update',
  field_changed: 'Update',
  assigned: 'Handed over',
  accepted: 'Picked up',
  reopened: 'Reopened',
  confirmed: 'You confirmed it works',
  auto_closed: 'Closed automatically',
  // Internal: the server never sends these to requesters; named only to keep the map whole.
  sla_warning: 'Update',
  sla_breached: 'Update',
  went_silent: 'Update',
};

export const LEVEL_LABELS = { 1: 'High', 2: 'Medium', 3: 'Low' } as const;

export function statusLabel(value: unknown): string {
  return typeof value === 'string' && value in STATUS_LABELS ? STATUS_LABELS[value as TicketStatus] : String(value);
}
