import { ManagerApprovalAnswerBody, ManagerApprovalList } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { answerManagerApproval, listManagerApprovals } from '../../modules/access/index.js';
import type { Actor } from '../../modules/identity/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { sourceIp } from './access-routes.js';

const tag = 'Access requests';
const iso = (ms: number) => new Date(ms).toISOString();

/** The signed-in person's pending approvals, as the contract carries them. */
const pendingFor = async (ctx: AppContext, actor: Actor) => ({
  items: (await listManagerApprovals(ctx.db, actor, ctx.now())).map((i) => ({ ...i, askedAt: iso(i.askedAt), expiresAt: iso(i.expiresAt) })),
});

/** The manager's side of method (c): their pending approvals and their answer, in their own session. */
export function managerApprovalRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/me/access-approvals', tag,
    summary: "Identity actions waiting for your approval as the directory's manager of the person",
    response: ManagerApprovalList,
    handler: ({ actor }) => pendingFor(ctx, actor),
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/me/access-approvals/:id', tag,
    summary: "Approve or decline, as the person's manager of record, in your own signed-in session",
    params: z.object({ id: z.uuid() }), body: ManagerApprovalAnswerBody, response: ManagerApprovalList,
    handler: async ({ actor, params, body, req }) => {
      await ctx.db.transaction().execute((tx) =>
        answerManagerApproval({ tx, actor, now: ctx.now(), sourceIp: sourceIp(req) }, params.id, body.answer));
      return pendingFor(ctx, actor);
    },
  });
}
