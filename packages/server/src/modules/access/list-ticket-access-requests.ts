import type { AccessRequestView } from '@deskside/shared';
import { notFound } from '../../errors.js';
import { can, findTicketView } from '../tickets/index.js';
import type { AccessContext } from './access-writes.js';
import { getAccessRequest } from './get-access-request.js';

/** The identity actions of one ticket, newest first, for the staff who work it; others get 404 as for the ticket. */
export async function listTicketAccessRequests(c: AccessContext, ticketRef: string): Promise<AccessRequestView[]> {
  const ticket = await findTicketView(c.tx, ticketRef);
  if (!ticket || !can(c.actor, 'update', ticket)) throw notFound();
  const rows = await c.tx.selectFrom('access_requests').select('id').where('ticket_id', '=', ticket.id).orderBy('created_at', 'desc').limit(50).execute();
  const views: AccessRequestView[] = [];
  for (const { id } of rows) views.push(await getAccessRequest(c, id));
  return views;
}
