import { AccessRequestView, ManualCompletionBody } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getAccessRequest, recordManualCompletion } from '../../modules/access/index.js';
import { mailOriginOf } from '../../modules/mail/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { expectedVersion } from '../ticket-http.js';
import { sourceIp } from './access-routes.js';

/** The agent's record of a change made by hand in the native console (decision 0043). */
export function manualCompletionRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'POST', url: '/api/v1/access-requests/:id/manual-completion', tag: 'Access requests', scope: 'tickets:write',
    summary: 'Record that the console steps of a manual change were done (executed, notices sent) or could not be done (back to ready); needs recent two-factor sign-in',
    params: z.object({ id: z.uuid() }), body: ManualCompletionBody, response: AccessRequestView,
    handler: async ({ actor, params, body, req }) => {
      const c = { actor, now: ctx.now(), sourceIp: sourceIp(req), expectedVersion: expectedVersion(req) };
      await ctx.db.transaction().execute((tx) => recordManualCompletion({ ...c, tx }, params.id, body, mailOriginOf(ctx.config)));
      return ctx.db.transaction().execute((tx) => getAccessRequest({ tx, actor, now: ctx.now(), sourceIp: c.sourceIp }, params.id));
    },
  });
}
