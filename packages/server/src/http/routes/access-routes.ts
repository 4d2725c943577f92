import {
  AccessRequestList, AccessRequestStepBody, AccessRequestView, CallbackVerificationBody, InPersonVerificationBody, OpenAccessRequestBody, RefuseAccessRequestBody,
} from '@deskside/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OtpVerificationBody } from '@deskside/shared';
import { z } from 'zod';
import type { Tx } from '../../db/connect.js';
import {
  type AccessContext, approveAccessRequest, askManagerApproval, executeAccessRequest, getAccessRequest, listTicketAccessRequests, openAccessRequest, recordCallbackVerification,
  recordInPersonVerification, refuseAccessRequest, sendVerificationLink,
} from '../../modules/access/index.js';
import type { Actor } from '../../modules/identity/index.js';
import { mailOriginOf } from '../../modules/mail/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { expectedVersion } from '../ticket-http.js';

const TicketRef = z.object({ id: z.string().regex(/^(\d+|(INC|REQ|inc|req)-\d{6,})$/, 'must be a ticket id or number') });
const RequestRef = z.object({ id: z.uuid() });
const tag = 'Access requests';

/** The caller's address as the audit log keeps it (an IPv4 address mapped into IPv6 is written as IPv4). */
export function sourceIp(req: FastifyRequest): string | null {
  const ip = req.ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  return z.union([z.ipv4(), z.ipv6()]).safeParse(ip).success ? ip : null;
}

export function accessRoutes(app: FastifyInstance, ctx: AppContext): void {
  const context = (tx: Tx, actor: Actor, req: FastifyRequest): AccessContext => ({
    tx, actor, now: ctx.now(), sourceIp: sourceIp(req), expectedVersion: expectedVersion(req),
  });
  const view = (actor: Actor, req: FastifyRequest, id: string) =>
    ctx.db.transaction().execute((tx) => getAccessRequest({ tx, actor, now: ctx.now(), sourceIp: sourceIp(req) }, id));

  defineRoute(app, {
    method: 'POST', url: '/api/v1/tickets/:id/access-requests', tag, scope: 'tickets:write', status: 201,
    summary: 'Open an identity action on a ticket you work: the target is picked by directory id; needs recent two-factor sign-in',
    params: TicketRef, body: OpenAccessRequestBody, response: AccessRequestView,
    handler: async ({ actor, params, body, req }) => {
      const id = await ctx.db.transaction().execute((tx) => openAccessRequest(context(tx, actor, req), params.id, body));
      return view(actor, req, id);
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/tickets/:id/access-requests', tag, scope: 'tickets:read',
    summary: "A ticket's identity actions, newest first, for the staff who work it",
    params: TicketRef, response: AccessRequestList,
    handler: async ({ actor, params, req }) => ({
      items: await ctx.db.transaction().execute((tx) => listTicketAccessRequests({ tx, actor, now: ctx.now(), sourceIp: sourceIp(req) }, params.id)),
    }),
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/access-requests/:id', tag, scope: 'tickets:read',
    summary: 'An identity action: its state, requirements and signals, the phone of record for a callback, and what is missing',
    params: RequestRef, response: AccessRequestView,
    handler: async ({ actor, params, req }) => view(actor, req, params.id),
  });

  const step = (url: string, summary: string, body: z.ZodType, run: (c: AccessContext, id: string, body: never) => Promise<unknown>) =>
    defineRoute(app, {
      method: 'POST', url: `/api/v1/access-requests/:id/${url}`, tag, scope: 'tickets:write', summary,
      params: RequestRef, body, response: AccessRequestView,
      handler: async ({ actor, params, body: input, req }) => {
        await ctx.db.transaction().execute((tx) => run(context(tx, actor, req), params.id, input as never));
        return view(actor, req, params.id);
      },
    });

  step('verifications/callback', 'Record a callback to the phone number of record shown on the request (there is no field for another number)',
    CallbackVerificationBody, (c, id) => recordCallbackVerification(c, id));
  step('verifications/in-person', 'Attest an in-person ID check; a second, different agent confirms it the same way in their own session',
    InPersonVerificationBody, (c, id, body: InPersonVerificationBody) => recordInPersonVerification(c, id, body.document));
  step('verifications/otp', 'Send the person a single-use confirmation link at their e-mail address of record; they answer on their own device (the desk never sees it)',
    OtpVerificationBody, (c, id) => sendVerificationLink(c, id, mailOriginOf(ctx.config)));
  step('verifications/manager', "Ask the person's manager of record to approve in their own signed-in session (they are told where; the mail grants nothing)",
    AccessRequestStepBody, (c, id) => askManagerApproval(c, id, mailOriginOf(ctx.config)));
  step('approvals', 'Approve the request in your own session (not the requester, not the target)', AccessRequestStepBody,
    (c, id) => approveAccessRequest(c, id));
  step('refuse', 'Refuse an open request, with a reason', RefuseAccessRequestBody,
    (c, id, body: RefuseAccessRequestBody) => refuseAccessRequest(c, id, body.reason));

  defineRoute(app, {
    method: 'POST', url: '/api/v1/access-requests/:id/execute', tag, scope: 'tickets:write',
    summary: 'Perform the action in the directory once the gate is satisfied; a replay answers 409 and never writes twice',
    params: RequestRef, body: AccessRequestStepBody, response: AccessRequestView,
    handler: async ({ actor, params, req }) => {
      await executeAccessRequest(
        { db: ctx.db, secretKey: ctx.config.secretKey, log: ctx.log, now: ctx.now, origin: mailOriginOf(ctx.config) },
        { actor, id: params.id, sourceIp: sourceIp(req), expectedVersion: expectedVersion(req) },
      );
      return view(actor, req, params.id);
    },
  });
}
