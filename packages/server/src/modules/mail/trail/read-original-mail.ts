import type { Db } from '../../../db/connect.js';
import { notFound } from '../../../errors.js';
import type { Actor } from '../../identity/index.js';
import { can, findTicketView } from '../../tickets/index.js';
import { originalMailDocument } from './original-mail-document.js';
import { findMailOfTicket } from './ticket-mail-repo.js';

/** One message of the ticket's trail as an inert HTML document, for staff who may read internal events. */
export async function readOriginalMail(db: Db, actor: Actor, ref: string | number, mailId: number, images: 'blocked' | 'shown'): Promise<string> {
  const ticket = await findTicketView(db, ref);
  if (!ticket || !can(actor, 'view', ticket) || !can(actor, 'viewInternal', ticket)) throw notFound();
  const mail = await findMailOfTicket(db, ticket.id, mailId);
  if (!mail) throw notFound();
  return originalMailDocument(mail, images);
}
