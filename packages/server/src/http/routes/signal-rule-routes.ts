import {
  EvaluateSignalRuleSetBody,
  PublishSignalRuleSetBody,
  ScoreAccessRequestBody,
  SignalRuleSetEvaluation,
  SignalRuleSetVersion,
  SignalRuleSetVersionRef,
  SignalRulesOverview,
  SignalScoreView,
} from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { forbidden } from '../../errors.js';
import {
  evaluateRuleSetOnCorpus,
  getRuleSetVersion,
  listRuleSetVersions,
  publishRuleSet,
  scoreAccessRequest,
} from '../../modules/access-signals/index.js';
import { type Actor, isAdmin, isStaff } from '../../modules/identity/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { expectedVersion } from '../ticket-http.js';

/** Admins read, check and publish versions of the social-engineering signal rules (decision 0034); staff score with them. */
export function signalRuleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const adminOnly = (actor: Actor, doing: string) => {
    if (!isAdmin(actor)) throw forbidden(`Only admins ${doing} the signal rules`);
  };

  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/signal-rules', tag: 'Signals', scope: 'admin',
    summary: 'The signal rules in force (ETag: its version) and every version, newest first; version 0 is the built-in set',
    response: SignalRulesOverview,
    handler: async ({ actor, reply }) => {
      adminOnly(actor, 'read');
      const overview = await listRuleSetVersions(ctx.db);
      reply.header('etag', `"${overview.active.version}"`);
      return overview;
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/signal-rules/:version', tag: 'Signals', scope: 'admin',
    summary: 'One version of the signal rules with its rules',
    params: SignalRuleSetVersionRef, response: SignalRuleSetVersion,
    handler: async ({ actor, params }) => {
      adminOnly(actor, 'read');
      return getRuleSetVersion(ctx.db, params.version);
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/admin/signal-rules', tag: 'Signals', scope: 'admin', status: 201,
    summary: 'Publish a draft as the next version, in force at once on every node; If-Match the active version (412 when stale), 422 naming each invalid field',
    body: PublishSignalRuleSetBody, response: SignalRuleSetVersion,
    handler: async ({ actor, body, req, reply }) => {
      adminOnly(actor, 'publish');
      const expected = expectedVersion(req);
      const published = await ctx.db
        .transaction()
        .execute((tx) => publishRuleSet(tx, actor, body.ruleSet, { note: body.note, expectedVersion: expected, now: ctx.now() }));
      reply.header('etag', `"${published.version}"`);
      return { ...published.summary, ruleSet: published.ruleSet };
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/admin/signal-rules/evaluate', tag: 'Signals', scope: 'admin',
    summary: 'Precision and recall of a draft on the labelled corpus (tuning and hold-out), next to the active version, and the requests whose level it changes; stores nothing',
    body: EvaluateSignalRuleSetBody, response: SignalRuleSetEvaluation,
    handler: async ({ actor, body }) => {
      adminOnly(actor, 'check');
      return evaluateRuleSetOnCorpus(ctx.db, body.ruleSet);
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/signals/score', tag: 'Signals', scope: 'tickets:read',
    summary: 'Score a request text and its context with the signal rules in force: the signals in words, the stricter requirements and the version used (staff)',
    body: ScoreAccessRequestBody, response: SignalScoreView,
    handler: async ({ actor, body }) => {
      if (!isStaff(actor)) throw forbidden('Only staff score access requests');
      return scoreAccessRequest(ctx.db, body);
    },
  });
}
