import { PRIORITIES, type Priority, TICKET_STATUSES, TICKET_TYPES, type TicketStatus, type TicketType } from '@deskside/shared';

/** The queue's filters, kept in the address so a filtered view can be bookmarked or shared. */
export interface QueueSearch {
  status?: TicketStatus | 'all';
  groupId?: number;
  assignee?: 'me' | 'none';
  priority?: Priority;
  type?: TicketType;
  unaccepted?: boolean;
  q?: string;
}

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : undefined;

export function validateQueueSearch(raw: Record<string, unknown>): QueueSearch {
  const groupId = Number(raw.groupId);
  const search: QueueSearch = {
    status: raw.status === 'all' ? 'all' : oneOf(TICKET_STATUSES, raw.status),
    groupId: Number.isInteger(groupId) && groupId > 0 ? groupId : undefined,
    assignee: oneOf(['me', 'none'] as const, raw.assignee),
    priority: oneOf(PRIORITIES, raw.priority),
    type: oneOf(TICKET_TYPES, raw.type),
    unaccepted: raw.unaccepted === true || raw.unaccepted === 'true' ? true : undefined,
    q: typeof raw.q === 'string' && raw.q.trim() ? raw.q.slice(0, 200) : undefined,
  };
  return Object.fromEntries(Object.entries(search).filter(([, v]) => v !== undefined)) as QueueSearch;
}

export function validateRedirectSearch(raw: Record<string, unknown>): { redirect?: string } {
  return typeof raw.redirect === 'string' ? { redirect: raw.redirect } : {};
}

export function validateTokenSearch(raw: Record<string, unknown>): { token?: string } {
  return typeof raw.token === 'string' || typeof raw.token === 'number' ? { token: String(raw.token) } : {};
}
