import { MailOriginalQuery, TicketMailList, TicketMailRef } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { listTicketMail, originalMailPolicy, readOriginalMail } from '../../modules/mail/trail/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { TicketRef } from './ticket-routes.js';

export function ticketMailRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/tickets/:id/mail', tag: 'Mail', scope: 'tickets:read',
    summary: "The ticket's mail trail, in and out, with delivery state (staff; 404 for others)",
    params: TicketRef, response: TicketMailList,
    handler: async ({ actor, params }) => ({ items: await listTicketMail(ctx.db, actor, params.id) }),
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/tickets/:id/mail/:mailId/original', tag: 'Mail', scope: 'tickets:read',
    summary: 'One message as an inert HTML page for a sandboxed frame; remote images only with images=shown (staff)',
    params: TicketRef.extend(TicketMailRef.shape), query: MailOriginalQuery,
    handler: async ({ actor, params, query, reply }) => {
      const html = await readOriginalMail(ctx.db, actor, params.id, params.mailId, query.images);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', originalMailPolicy(query.images))
        .header('x-frame-options', 'SAMEORIGIN')
        // A loaded image must not tell the sender's server which desk page it came from.
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'private, no-store')
        .send(html);
    },
  });
}
