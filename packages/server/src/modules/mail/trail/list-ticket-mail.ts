import type { TicketMailItem } from '@deskside/shared';
import type { Db } from '../../../db/connect.js';
import { notFound } from '../../../errors.js';
import type { Actor } from '../../identity/index.js';
import { can, findTicketView } from '../../tickets/index.js';
import { countRemoteImages } from './original-mail-document.js';
import { listMailOfTicket } from './ticket-mail-repo.js';

const iso = (at: number) => new Date(at).toISOString();

/**
 * The mail a ticket received and sent, for staff: a requester already has their own
 * mail, and the trail shows held and skipped messages and internal reasons. Anyone who
 * may not read internal events gets 404, as for a ticket they cannot see.
 */
export async function listTicketMail(db: Db, actor: Actor, ref: string | number): Promise<TicketMailItem[]> {
  const ticket = await findTicketView(db, ref);
  if (!ticket || !can(actor, 'view', ticket) || !can(actor, 'viewInternal', ticket)) throw notFound();
  const rows = await listMailOfTicket(db, ticket.id);
  return rows.map((row) => ({
    id: row.id,
    direction: row.direction === 'in' ? 'in' : 'out',
    from: row.from_address,
    to: row.to_address,
    subject: row.subject,
    at: iso(row.created_at),
    sentAt: row.sent_at === null ? null : iso(row.sent_at),
    status: row.status,
    kind: row.kind,
    automatic: row.auto_submitted !== 'no',
    note: row.last_error,
    hasHtml: row.body_html !== null,
    remoteImages: row.body_html === null ? 0 : countRemoteImages(row.body_html),
  }));
}
