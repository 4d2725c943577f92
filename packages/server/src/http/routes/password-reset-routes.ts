import { PasswordResetBody, PasswordResetResult } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { redeemResetToken } from '../../modules/access/index.js';
import type { AppContext } from '../app-context.js';
import { loginRateLimit } from '../login-rate-limit.js';
import { defineRoute } from '../route.js';
import { sourceIp } from './access-routes.js';

/** The public end of a password reset: the user sets their own password with the single-use link mailed to them. */
export function passwordResetRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Its own counter, as strict as sign-in: guessing tokens is as bad as guessing passwords.
  const limit = loginRateLimit(ctx.config.loginRatePerMinute);
  defineRoute(app, {
    method: 'POST', url: '/api/v1/password-reset', tag: 'Sign-in', auth: 'public',
    summary: 'Set a new password with the single-use token from a reset link (no sign-in); a used, expired or unknown token is refused',
    body: PasswordResetBody, response: PasswordResetResult,
    handler: async ({ body, req }) => {
      limit(req.ip, ctx.now());
      await redeemResetToken(
        { db: ctx.db, secretKey: ctx.config.secretKey, log: ctx.log, now: ctx.now },
        { token: body.token, newPassword: body.newPassword, sourceIp: sourceIp(req) },
      );
      return { done: true as const, message: 'Your new password is set. You can sign in with it now.' };
    },
  });
}
