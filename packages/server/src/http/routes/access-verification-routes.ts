import { AccessVerificationBody, AccessVerificationLookupBody, AccessVerificationPrompt, AccessVerificationResult } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { answerVerificationLink, lookupVerificationLink } from '../../modules/access/index.js';
import type { AppContext } from '../app-context.js';
import { loginRateLimit } from '../login-rate-limit.js';
import { defineRoute } from '../route.js';
import { sourceIp } from './access-routes.js';

/** The public end of method (a): the person confirms (or denies) a request on their own device with the single-use link. */
export function accessVerificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Its own counter, as strict as sign-in, shared by both routes: guessing tokens is as bad as guessing passwords.
  const limit = loginRateLimit(ctx.config.loginRatePerMinute);
  defineRoute(app, {
    method: 'POST', url: '/api/v1/access-verification/lookup', tag: 'Sign-in', auth: 'public',
    summary: 'What a confirmation link asks about (no sign-in; the token is not used up); a used, expired or unknown token is refused',
    body: AccessVerificationLookupBody, response: AccessVerificationPrompt,
    handler: async ({ body, req }) => {
      limit(req.ip, ctx.now());
      return lookupVerificationLink(ctx.db, body.token, ctx.now());
    },
  });
  defineRoute(app, {
    method: 'POST', url: '/api/v1/access-verification', tag: 'Sign-in', auth: 'public',
    summary: 'The person answers a confirmation link: yes verifies the request (method directory_otp), no refuses it; the token works once',
    body: AccessVerificationBody, response: AccessVerificationResult,
    handler: async ({ body, req }) => {
      limit(req.ip, ctx.now());
      const outcome = await answerVerificationLink(ctx.db, { token: body.token, answer: body.answer, sourceIp: sourceIp(req) }, ctx.now());
      return outcome === 'verified'
        ? { outcome, message: 'Thank you. The IT service desk can go ahead now.' }
        : { outcome, message: 'Thank you. The request was stopped, nothing was changed, and the IT security team has been told.' };
    },
  });
}
