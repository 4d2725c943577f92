import { MfaCodeBody, MfaStatus, PersonParams, RecoveryCodes, TotpEnrolment } from '@deskside/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthorized } from '../../errors.js';
import {
  authorizePeople,
  confirmTotpEnrolment,
  getMfaStatus,
  renewRecoveryCodes,
  requireRecentMfa,
  resetPersonMfa,
  secretBox,
  startTotpEnrolment,
  turnOffTotp,
  verifyMfaAgain,
} from '../../modules/identity/index.js';
import type { AppContext } from '../app-context.js';
import { SESSION_COOKIE } from '../request-actor.js';
import { defineRoute } from '../route.js';
import { sourceIp } from './access-routes.js';

/** Two-factor sign-in for the signed-in person's own account (decision 0032), and the admins' reset. */
export function accountMfaRoutes(app: FastifyInstance, ctx: AppContext): void {
  const box = secretBox(ctx.config.secretKey);
  const sessionToken = (req: FastifyRequest) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw unauthorized('Two-factor sign-in is managed in a signed-in browser session');
    return token;
  };
  const tag = 'Account security';

  defineRoute(app, {
    method: 'GET', url: '/api/v1/account/mfa', tag,
    summary: 'Your two-factor sign-in: on or not, recovery codes left, whether this session passed it',
    response: MfaStatus,
    handler: async ({ actor }) => getMfaStatus(ctx.db, actor),
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/account/mfa/totp', tag, status: 201,
    summary: 'Start setting up an authenticator app: returns its secret and otpauth:// link, shown this once',
    response: TotpEnrolment,
    handler: async ({ actor, reply }) => {
      reply.header('cache-control', 'no-store');
      return startTotpEnrolment(ctx.db, box, { actor, now: ctx.now() });
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/account/mfa/totp/confirm', tag,
    summary: 'Turn two-factor sign-in on with the first code from the app; returns ten recovery codes, shown this once',
    body: MfaCodeBody, response: RecoveryCodes,
    handler: async ({ actor, body, req, reply }) => {
      reply.header('cache-control', 'no-store');
      return confirmTotpEnrolment(ctx.db, box, { actor, sessionToken: sessionToken(req), code: body.code, now: ctx.now(), sourceIp: sourceIp(req) });
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/account/mfa/verify', tag,
    summary: 'Confirm it is you with a current code: this session counts as having passed two-factor sign-in now',
    body: MfaCodeBody,
    handler: async ({ actor, body, req }) => {
      await verifyMfaAgain(ctx.db, box, { actor, sessionToken: sessionToken(req), code: body.code, now: ctx.now() });
      return undefined;
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/account/mfa/recovery-codes', tag,
    summary: 'Replace your recovery codes (needs a current code); the old ones stop working',
    body: MfaCodeBody, response: RecoveryCodes,
    handler: async ({ actor, body, reply }) => {
      reply.header('cache-control', 'no-store');
      return renewRecoveryCodes(ctx.db, box, { actor, code: body.code, now: ctx.now() });
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/account/mfa/disable', tag,
    summary: 'Turn your two-factor sign-in off (needs a current code or a recovery code)',
    body: MfaCodeBody,
    handler: async ({ actor, body, req }) => {
      await turnOffTotp(ctx.db, box, { actor, code: body.code, now: ctx.now(), sourceIp: sourceIp(req) });
      return undefined;
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/people/:id/mfa/reset', tag: 'People', scope: 'admin',
    summary:
      "Remove a person's authenticator and recovery codes (admins, in a session that passed two-factor sign-in); " +
      'ends all their sessions and is recorded in their audit trail',
    params: PersonParams,
    handler: async ({ actor, params, req }) => {
      authorizePeople(actor, 'manage');
      await requireRecentMfa(ctx.db, actor, { now: ctx.now() });
      await resetPersonMfa(ctx.db, { actor, personId: params.id, now: ctx.now(), sourceIp: sourceIp(req) });
      return undefined;
    },
  });
}
