import { z } from 'zod';
import { Id, IsoDateTime } from './common.js';

/** Something the desk wants one staff member to know: a hand-off, a reply, an SLA warning. */
export const Notification = z
  .object({
    id: Id,
    kind: z.string().describe('ticket.assigned, ticket.requester_replied, sla.warning, sla.breach, sla.silent, …'),
    title: z.string(),
    body: z.string().nullable(),
    ticketId: Id.nullable(),
    ticketNumber: z.string().nullable().describe('For the link to the ticket'),
    createdAt: IsoDateTime,
    readAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z
  .object({
    items: z.array(Notification),
    unread: z.number().int().min(0).describe('All of the person’s unread notifications, not just this page'),
    nextBefore: Id.nullable(),
  })
  .meta({ id: 'NotificationList' });
export type NotificationList = z.infer<typeof NotificationList>;

export const ListNotificationsQuery = z
  .strictObject({
    unreadOnly: z.enum(['true', 'false']).optional(),
    before: z.coerce.number().int().positive().optional().describe('Keyset cursor: nextBefore of the previous page'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .meta({ id: 'ListNotificationsQuery' });
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

/** Either the ids just seen, or everything up to and including the newest one shown ("mark all read"). */
export const MarkNotificationsReadBody = z
  .strictObject({
    ids: z.array(Id).min(1).max(200).optional(),
    upTo: Id.optional(),
  })
  .refine((b) => (b.ids === undefined) !== (b.upTo === undefined), { message: 'give either ids or upTo' })
  .meta({ id: 'MarkNotificationsReadBody' });
export type MarkNotificationsReadBody = z.infer<typeof MarkNotificationsReadBody>;

export const MarkNotificationsReadResult = z
  .object({ marked: z.number().int().min(0), unread: z.number().int().min(0) })
  .meta({ id: 'MarkNotificationsReadResult' });
export type MarkNotificationsReadResult = z.infer<typeof MarkNotificationsReadResult>;

/** The data of a server-sent `event: notification`: a new one arrived, and how many are unread now. */
export const NotificationNotice = z.object({ id: Id, unread: z.number().int().min(0) });
export type NotificationNotice = z.infer<typeof NotificationNotice>;
