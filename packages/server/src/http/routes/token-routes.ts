import { CreatedToken, CreateTokenBody, IdParam, TokenList } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { forbidden } from '../../errors.js';
import { createApiToken, forgetActors, listApiTokens, presentApiToken, revokeApiToken } from '../../modules/identity/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';

export function tokenRoutes(app: FastifyInstance, ctx: AppContext): void {
  const sessionOnly = (scopes: unknown) => {
    // A token cannot mint or revoke tokens: a leaked token must not be able to persist itself.
    if (scopes !== null) throw forbidden('Manage API tokens from a signed-in session');
  };

  defineRoute(app, {
    method: 'GET', url: '/api/v1/tokens', tag: 'API tokens',
    summary: 'Your API tokens (never their secrets)', response: TokenList,
    handler: async ({ actor }) => ({ items: (await listApiTokens(ctx.db, actor)).map(presentApiToken) }),
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/tokens', tag: 'API tokens', status: 201,
    summary: 'Create a scoped token for an integration; the secret is shown once. Use as Authorization: Bearer.',
    body: CreateTokenBody, response: CreatedToken,
    handler: async ({ actor, body }) => {
      sessionOnly(actor.scopes);
      const { row, token } = await ctx.db.transaction().execute((tx) => createApiToken(tx, actor, { ...body, now: ctx.now() }));
      return { ...presentApiToken(row), token };
    },
  });

  defineRoute(app, {
    method: 'DELETE', url: '/api/v1/tokens/:id', tag: 'API tokens',
    summary: 'Revoke one of your tokens', params: z.object({ id: IdParam }),
    handler: async ({ actor, params }) => {
      sessionOnly(actor.scopes);
      await ctx.db.transaction().execute((tx) => revokeApiToken(tx, actor, params.id, ctx.now()));
      // After the commit: a lookup racing the revocation could otherwise cache the live token again.
      forgetActors(params.id);
      return undefined;
    },
  });
}
