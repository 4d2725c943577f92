import { AcknowledgeBody, AssignBody, CommentBody, EmptyBody, PendBody, ReopenBody, ResolveBody, RestoreBody, Ticket } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import {
  acceptTicket, acknowledgeTicket, addComment, assignTicket, confirmTicket, loadTicketFor, pendTicket,
  reopenTicket, resolveTicket, restoreTicket, startWork,
  type TicketAbility, type TicketView, type UseCaseContext,
} from '../../modules/tickets/index.js';
import { mailOriginOf } from '../../modules/mail/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { expectedVersion, sendTicket } from '../ticket-http.js';
import { TicketRef } from './ticket-routes.js';

interface TicketAction<S extends z.ZodType> {
  path: string;
  summary: string;
  /** What loading the ticket requires; the use case may check more (comments check reply vs note). */
  ability: TicketAbility | 'view';
  body: S;
  run: (ctx: UseCaseContext, ticket: TicketView, body: z.output<S>) => Promise<TicketView>;
}

const action = <S extends z.ZodType>(a: TicketAction<S>) => a as unknown as TicketAction<z.ZodType>;

/** Every ticket action the API offers: the state machine and the rulebook decide if it may happen. */
const ACTIONS = [
  action({ path: 'acknowledge', ability: 'acknowledge', body: AcknowledgeBody, run: acknowledgeTicket,
    summary: 'Acknowledge: restate the problem in your words and promise the next update' }),
  action({ path: 'comments', ability: 'view', body: CommentBody, run: addComment,
    summary: 'Add a public reply or an internal note (staff only)' }),
  action({ path: 'assign', ability: 'assign', body: AssignBody, run: assignTicket,
    summary: 'Hand the ticket to a group and/or a person; the person must accept' }),
  action({ path: 'accept', ability: 'accept', body: EmptyBody, run: (c, t) => acceptTicket(c, t),
    summary: 'Accept ownership (the assignee, or a member of the owning group when nobody is named)' }),
  action({ path: 'start', ability: 'start', body: EmptyBody, run: (c, t) => startWork(c, t),
    summary: 'Move to in_progress' }),
  action({ path: 'pend', ability: 'pend', body: PendBody, run: pendTicket,
    summary: 'Wait on the user, a vendor or a change' }),
  action({ path: 'restore', ability: 'restore', body: RestoreBody, run: restoreTicket,
    summary: 'Service restored (perhaps by a workaround): stops the restore clock' }),
  action({ path: 'resolve', ability: 'resolve', body: ResolveBody, run: resolveTicket,
    summary: 'Cause dealt with: symptom, cause, resolution and category are required' }),
  action({ path: 'confirm', ability: 'confirm', body: EmptyBody, run: (c, t) => confirmTicket(c, t),
    summary: 'The requester confirms they can work again; closes the ticket' }),
  action({ path: 'reopen', ability: 'reopen', body: ReopenBody, run: reopenTicket,
    summary: 'Reopen a resolved or closed ticket within the reopen window' }),
];

export function ticketActionRoutes(app: FastifyInstance, ctx: AppContext): void {
  for (const a of ACTIONS) {
    defineRoute(app, {
      method: 'POST', url: `/api/v1/tickets/:id/${a.path}`, tag: 'Ticket actions', scope: 'tickets:write',
      summary: `${a.summary}. Send If-Match with the version you saw.`,
      params: TicketRef, body: a.body, response: Ticket,
      handler: async ({ actor, params, body, req, reply }) =>
        ctx.db.transaction().execute(async (tx) => {
          const ticket = await loadTicketFor(tx, actor, params.id, a.ability, expectedVersion(req));
          const now = ctx.now();
          const changed = await a.run({ tx, actor, now, mail: mailOriginOf(ctx.config) }, ticket, body);
          return sendTicket(reply, changed, actor, tx, now);
        }),
    });
  }
}
