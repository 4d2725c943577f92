import { z } from 'zod';
import { Id, IdParam, IsoDateTime } from './common.js';

/**
 * One e-mail of a ticket's trail as staff see it: what came in and what the desk sent,
 * with the delivery state of outgoing mail. Bodies are not in the list; the original is
 * read through its own sandboxed page.
 */
export const TicketMailItem = z
  .object({
    id: Id,
    direction: z.enum(['in', 'out']),
    from: z.string().nullable(),
    to: z.string().nullable(),
    subject: z.string(),
    at: IsoDateTime.describe('Received (in) or queued (out)'),
    sentAt: IsoDateTime.nullable(),
    status: z.string().describe('in: ticket-created, comment-added, held, ignored; out: queued, sent, failed, skipped'),
    kind: z.string().describe('inbound, or the kind of desk mail: acknowledgement, reply, resolved, …'),
    automatic: z.boolean().describe('Marked Auto-Submitted: an auto-reply that came in, or a notice the desk sent'),
    note: z.string().nullable().describe('Why a message was skipped, failed or held'),
    hasHtml: z.boolean(),
    remoteImages: z.number().int().describe('Remote images in the HTML, blocked until someone chooses to load them'),
  })
  .meta({ id: 'TicketMailItem' });
export type TicketMailItem = z.infer<typeof TicketMailItem>;

export const TicketMailList = z.object({ items: z.array(TicketMailItem) }).meta({ id: 'TicketMailList' });
export type TicketMailList = z.infer<typeof TicketMailList>;

export const MailOriginalQuery = z.strictObject({
  images: z.enum(['blocked', 'shown']).default('blocked').describe('shown loads the remote images of this message'),
});
export type MailOriginalQuery = z.infer<typeof MailOriginalQuery>;

export const TicketMailRef = z.object({ mailId: IdParam });
