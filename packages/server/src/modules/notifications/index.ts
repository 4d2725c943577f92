// In-app notifications for staff (issue 3), delivered through the durable job engine.
//
// Producers call one of these INSIDE the transaction of the change that causes the
// notification (the outbox): it exists only if that change commits.
//   - enqueueNotification(tx, {...}): any notification, keyed by its cause (sourceKey).
//   - notifyAssigned / notifyRequesterReplied: the ticket use cases' producers.
//   - notifySlaWarning(tx, { ticket, recipientIds, target, stage, dueAt, now }): for the
//     SLA engine's warnings ('warning' at the warn fraction, 'breach', 'silent' when a
//     promised update is overdue). Safe to call on every sweep that sees the same state:
//     one notification per person per (ticket, target, stage, due time).
// The `notify` job kind writes the rows (idempotently) and, on PostgreSQL, pg_notifies
// NOTIFICATIONS_CHANNEL in the same transaction; live/change-feed.ts carries that to
// /api/v1/stream as `event: notification` for the recipient only.
export { enqueueNotification, type NewNotification } from './enqueue-notification.js';
export { notifyAssigned, notifyRequesterReplied } from './ticket-notices.js';
export { notifySlaWarning, type SlaNotice, type SlaNoticeStage } from './sla-notices.js';
export { notifyJob, NotifyPayload } from './notify-job.js';
export { listNotifications, countUnreadNotifications, type ListNotificationsInput } from './list-notifications.js';
export { markNotificationsRead } from './mark-notifications-read.js';
export { presentNotification } from './present-notification.js';
export { NOTIFICATIONS_CHANNEL } from './notifications-repo.js';
