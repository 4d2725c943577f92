import { LoginBody, Me, SetupBody, SetupStatus } from '@deskside/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { closeSession, completeSetup, findUserById, groupIdsOf, logIn, needsSetup, presentPerson, type Actor } from '../../modules/identity/index.js';
import { unauthorized } from '../../errors.js';
import type { UserRow } from '../../db/types.js';
import type { AppContext } from '../app-context.js';
import { loginRateLimit } from '../login-rate-limit.js';
import { SESSION_COOKIE } from '../request-actor.js';
import { defineRoute } from '../route.js';

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limit = loginRateLimit(ctx.config.loginRatePerMinute);
  const setCookie = (reply: FastifyReply, token: string, expiresAt: number) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, expires: new Date(expiresAt),
    });
  const me = async (user: UserRow | Actor, csrfToken: string | null) => {
    // An actor lacks the row's VIP flag and version: read the row the person would see in the admin list.
    const row = 'groupIds' in user ? await findUserById(ctx.db, user.id) : user;
    if (!row) throw unauthorized();
    return {
      user: presentPerson(row, 'groupIds' in user ? user.groupIds : await groupIdsOf(ctx.db, user.id)),
      csrfToken,
      demo: ctx.config.demo,
    };
  };

  defineRoute(app, {
    method: 'POST', url: '/api/v1/auth/login', tag: 'Sign-in', auth: 'public',
    summary: 'Sign in with e-mail and password; sets the session cookie and returns the CSRF token',
    body: LoginBody, response: Me,
    handler: async ({ body, req, reply }) => {
      limit(req.ip, ctx.now());
      const { user, session } = await logIn(ctx.db, { ...body, now: ctx.now() });
      setCookie(reply, session.token, session.expiresAt);
      return me(user, session.csrfToken);
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/auth/logout', tag: 'Sign-in', auth: 'public',
    summary: 'End the session',
    handler: async ({ req, reply }) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie && req.actor) await closeSession(ctx.db, cookie);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return undefined;
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/me', tag: 'Sign-in',
    summary: 'Who is signed in, with the CSRF token for this session',
    response: Me,
    handler: async ({ actor, req }) => me(actor, req.csrfToken ?? null),
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/setup', tag: 'Sign-in', auth: 'public',
    summary: 'Whether this desk still needs its first admin',
    response: SetupStatus,
    handler: async () => ({ needsSetup: await needsSetup(ctx.db) }),
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/setup', tag: 'Sign-in', auth: 'public', status: 201,
    summary: 'Create the first admin with the one-time link printed at start',
    body: SetupBody, response: Me,
    handler: async ({ body, req, reply }) => {
      limit(req.ip, ctx.now());
      const { user, session } = await completeSetup(ctx.db, { ...body, now: ctx.now() });
      setCookie(reply, session.token, session.expiresAt);
      return me(user, session.csrfToken);
    },
  });
}
