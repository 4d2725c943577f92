import type { Notification } from '@deskside/shared';
import type { NotificationListRow } from './notifications-repo.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A notification row as its recipient sees it in the API. */
export function presentNotification(row: NotificationListRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    createdAt: iso(row.created_at),
    readAt: row.read_at === null ? null : iso(row.read_at),
  };
}
