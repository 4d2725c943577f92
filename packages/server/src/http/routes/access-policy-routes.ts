import { AccessPolicyVersion, AccessPolicyVersionList, AccessPolicyVersionRef, PublishAccessPolicyBody } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { getAccessPolicy, getAccessPolicyVersion, listAccessPolicyVersions, publishAccessPolicy } from '../../modules/access-policy/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { expectedVersion } from '../ticket-http.js';
import { sourceIp } from './access-routes.js';

/** Admins read and publish versions of the access policy for identity actions (decision 0038). */
export function accessPolicyRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/access-policy', tag: 'Access', scope: 'admin',
    summary: 'The access policy in force (ETag: its version; 0 is the built-in policy): methods, counts and approvers per action and target tier, timings, velocity, break-glass',
    response: AccessPolicyVersion,
    handler: async ({ actor, reply }) => {
      const current = await getAccessPolicy(ctx.db, actor);
      reply.header('etag', `"${current.version}"`);
      return current;
    },
  });

  defineRoute(app, {
    method: 'PUT', url: '/api/v1/admin/access-policy', tag: 'Access', scope: 'admin',
    summary: 'Publish the next version, in force for requests opened from now on (earlier requests keep their requirements); If-Match the version you edited is required (428 without, 412 when stale); 400 naming each invalid field; audited',
    body: PublishAccessPolicyBody, response: AccessPolicyVersion,
    handler: async ({ actor, body, req, reply }) => {
      const expected = expectedVersion(req);
      const published = await ctx.db.transaction().execute((tx) =>
        publishAccessPolicy(tx, actor, body.policy, { note: body.note, expectedVersion: expected, now: ctx.now(), sourceIp: sourceIp(req) }),
      );
      reply.header('etag', `"${published.version}"`);
      return published;
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/access-policy/versions', tag: 'Access', scope: 'admin',
    summary: 'Every version of the access policy, newest first, the built-in policy (version 0) last: who published it, when and why',
    response: AccessPolicyVersionList,
    handler: async ({ actor }) => listAccessPolicyVersions(ctx.db, actor),
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/access-policy/versions/:version', tag: 'Access', scope: 'admin',
    summary: 'One version of the access policy as it was published',
    params: AccessPolicyVersionRef, response: AccessPolicyVersion,
    handler: async ({ actor, params }) => getAccessPolicyVersion(ctx.db, actor, params.version),
  });
}
