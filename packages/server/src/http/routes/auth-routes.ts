import { LoginBody, LoginResult, Me, MfaCodeBody, SetupBody, SetupStatus } from '@deskside/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  closeSession, completeMfaSignIn, completeSetup, findUserById, groupIdsOf, hasActiveTotp, logIn, needsSetup, presentPerson, secretBox, type Actor,
} from '../../modules/identity/index.js';
import { unauthorized } from '../../errors.js';
import type { UserRow } from '../../db/types.js';
import type { AppContext } from '../app-context.js';
import { loginRateLimit } from '../login-rate-limit.js';
import { MFA_COOKIE, SESSION_COOKIE } from '../request-actor.js';
import { defineRoute } from '../route.js';

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limit = loginRateLimit(ctx.config.loginRatePerMinute);
  const setCookie = (reply: FastifyReply, token: string, expiresAt: number) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, expires: new Date(expiresAt),
    });
  const box = secretBox(ctx.config.secretKey);
  // The challenge between password and code goes only to the sign-in endpoints, never cross-site.
  const challengeCookie = { path: '/api/v1/auth', httpOnly: true, sameSite: 'strict', secure: ctx.config.secureCookies } as const;
  const me = async (user: UserRow | Actor, csrfToken: string | null, mfaAt: number | null) => {
    // An actor lacks the row's VIP flag and version: read the row the person would see in the admin list.
    const row = 'groupIds' in user ? await findUserById(ctx.db, user.id) : user;
    if (!row) throw unauthorized();
    return {
      user: presentPerson(row, 'groupIds' in user ? user.groupIds : await groupIdsOf(ctx.db, user.id)),
      csrfToken,
      demo: ctx.config.demo,
      mfa: { enabled: await hasActiveTotp(ctx.db, user.id), passedAt: mfaAt === null ? null : new Date(mfaAt).toISOString() },
    };
  };

  defineRoute(app, {
    method: 'POST', url: '/api/v1/auth/login', tag: 'Sign-in', auth: 'public',
    summary:
      'Sign in with e-mail and password; sets the session cookie and returns the CSRF token. ' +
      'With two-factor sign-in on, answers mfaRequired instead and sets a five-minute challenge cookie for /auth/login/mfa',
    body: LoginBody, response: LoginResult,
    handler: async ({ body, req, reply }) => {
      limit(req.ip, ctx.now());
      const result = await logIn(ctx.db, { ...body, now: ctx.now() });
      if (result.kind === 'mfa') {
        reply.setCookie(MFA_COOKIE, result.challenge.token, { ...challengeCookie, expires: new Date(result.challenge.expiresAt) });
        return { mfaRequired: true as const, expiresAt: new Date(result.challenge.expiresAt).toISOString() };
      }
      setCookie(reply, result.session.token, result.session.expiresAt);
      return me(result.user, result.session.csrfToken, null);
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/auth/login/mfa', tag: 'Sign-in', auth: 'public',
    summary:
      'The second step of sign-in: a code from the authenticator app (or a recovery code) with the challenge cookie; ' +
      'sets the session cookie. Wrong codes count toward the account lockout like wrong passwords',
    body: MfaCodeBody, response: Me,
    handler: async ({ body, req, reply }) => {
      limit(req.ip, ctx.now());
      const now = ctx.now();
      const { user, session } = await completeMfaSignIn(ctx.db, box, { challengeToken: req.cookies[MFA_COOKIE], code: body.code, now });
      reply.clearCookie(MFA_COOKIE, { path: challengeCookie.path });
      setCookie(reply, session.token, session.expiresAt);
      return me(user, session.csrfToken, now);
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
    handler: async ({ actor, req }) => me(actor, req.csrfToken ?? null, actor.mfaAt ?? null),
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
      return me(user, session.csrfToken, null);
    },
  });
}
