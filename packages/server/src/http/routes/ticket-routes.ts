import { CreateTicketBody, QueueQuery, ReportProblemBody, Ticket, TicketEventList, TicketList, UpdateTicketBody, impactFromAnswer, urgencyFromAnswer } from '@deskside/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../errors.js';
import { isStaff } from '../../modules/identity/index.js';
import { createTicketOnce, findTicketView, getTimeline, listQueue, loadTicketFor, presentQueuePage, updateTicket } from '../../modules/tickets/index.js';
import { notFound } from '../../errors.js';
import { can } from '../../modules/tickets/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { expectedVersion, sendTicket } from '../ticket-http.js';

export const TicketRef = z.object({ id: z.string().regex(/^(\d+|(INC|REQ|inc|req)-\d{6,})$/, 'must be a ticket id or number') });

function idempotencyKey(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
    throw new DomainError(400, 'Bad Request', 'Idempotency-Key must be 1..200 characters', { field: 'Idempotency-Key' });
  }
  return key;
}

export function ticketRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/tickets', tag: 'Tickets', scope: 'tickets:read',
    summary: 'The queue: by priority then oldest promise, filtered, keyset-paged; or full-text search with q',
    query: QueueQuery, response: TicketList,
    handler: async ({ actor, query }) => {
      const page = await listQueue(ctx.db, actor, query);
      return { items: await presentQueuePage(ctx.db, actor, page.items, ctx.now()), nextCursor: page.nextCursor };
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/tickets', tag: 'Tickets', scope: 'tickets:write', status: 201,
    summary: 'Open a ticket (agents may open one on behalf of a caller). Honours Idempotency-Key.',
    body: CreateTicketBody, response: Ticket,
    handler: async ({ actor, body, req, reply }) => {
      const channel = req.headers.authorization ? 'api' : isStaff(actor) ? 'desk' : 'portal';
      const { ticket, replayed } = await createTicketOnce(ctx.db, actor, { ...body, channel }, idempotencyKey(req), ctx.now);
      if (replayed) reply.code(200).header('idempotent-replayed', 'true');
      else reply.code(201);
      reply.header('location', `/api/v1/tickets/${ticket.id}`);
      return reply.send(await sendTicket(reply, ticket, actor, ctx.db, ctx.now()));
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/portal/tickets', tag: 'Portal', scope: 'tickets:write', status: 201,
    summary: 'Report a problem in plain words; the answers set urgency and impact',
    body: ReportProblemBody, response: Ticket,
    handler: async ({ actor, body, req, reply }) => {
      const input = {
        type: body.type, subject: body.subject, description: body.description,
        urgency: urgencyFromAnswer(body.workStopped), impact: impactFromAnswer(body.whoAffected), channel: 'portal' as const,
      };
      const { ticket, replayed } = await createTicketOnce(ctx.db, actor, input, idempotencyKey(req), ctx.now);
      reply.code(replayed ? 200 : 201);
      return reply.send(await sendTicket(reply, ticket, actor, ctx.db, ctx.now()));
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/tickets/:id', tag: 'Tickets', scope: 'tickets:read',
    summary: 'One ticket, as the caller may see it (404 when not theirs to see)',
    params: TicketRef, response: Ticket,
    handler: async ({ actor, params, reply }) => {
      const ticket = await findTicketView(ctx.db, params.id);
      if (!ticket || !can(actor, 'view', ticket)) throw notFound();
      return sendTicket(reply, ticket, actor, ctx.db, ctx.now());
    },
  });

  defineRoute(app, {
    method: 'PATCH', url: '/api/v1/tickets/:id', tag: 'Tickets', scope: 'tickets:write',
    summary: 'Edit fields or override the priority (with a reason); each change lands on the timeline. Send If-Match.',
    params: TicketRef, body: UpdateTicketBody, response: Ticket,
    handler: async ({ actor, params, body, req, reply }) =>
      ctx.db.transaction().execute(async (tx) => {
        const ticket = await loadTicketFor(tx, actor, params.id, 'update', expectedVersion(req));
        const now = ctx.now();
        const updated = await updateTicket({ tx, actor, now }, ticket, body);
        return sendTicket(reply, updated, actor, tx, now);
      }),
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/tickets/:id/events', tag: 'Tickets', scope: 'tickets:read',
    summary: 'The timeline; requesters see public events only',
    params: TicketRef, response: TicketEventList,
    handler: async ({ actor, params }) => ({ items: await getTimeline(ctx.db, actor, params.id) }),
  });
}
