import fastifyCookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.js';
import { buildOpenApi } from './openapi.js';
import { registerProblemHandler } from './problem.js';
import { registerMetrics } from './metrics.js';
import { registerRequestActor } from './request-actor.js';
import { registerSecurityHeaders } from './security-headers.js';
import { isAppRoute, registerStaticFiles } from './static-files.js';
import { accessRoutes } from './routes/access-routes.js';
import { managerApprovalRoutes } from './routes/manager-approval-routes.js';
import { passwordResetRoutes } from './routes/password-reset-routes.js';
import { accessVerificationRoutes } from './routes/access-verification-routes.js';
import { accountMfaRoutes } from './routes/account-mfa-routes.js';
import { attachmentRoutes } from './routes/attachment-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { jobRoutes } from './routes/job-routes.js';
import { mailQuarantineRoutes } from './routes/mail-quarantine-routes.js';
import { mailMailboxRoutes } from './routes/mail-mailbox-routes.js';
import { directoryRoutes } from './routes/directory-routes.js';
import { licenseRoutes } from './routes/license-routes.js';
import { notificationRoutes } from './routes/notification-routes.js';
import { signalRuleRoutes } from './routes/signal-rule-routes.js';
import { accessPolicyRoutes } from './routes/access-policy-routes.js';
import { opsRoutes } from './routes/ops-routes.js';
import { peopleRoutes } from './routes/people-routes.js';
import { directoryGroupRoutes } from './routes/directory-group-routes.js';
import { settingsRoutes } from './routes/settings-routes.js';
import { mailTemplateRoutes } from './routes/mail-template-routes.js';
import { slaRoutes } from './routes/sla-routes.js';
import { streamRoutes } from './routes/stream-routes.js';
import { ticketActionRoutes } from './routes/ticket-action-routes.js';
import { ticketMailRoutes } from './routes/ticket-mail-routes.js';
import { ticketRoutes } from './routes/ticket-routes.js';
import { tokenRoutes } from './routes/token-routes.js';
import { manualCompletionRoutes } from './routes/manual-completion-routes.js';
import { manualPeopleRoutes } from './routes/manual-people-routes.js';

export const BODY_LIMIT_BYTES = 256 * 1024;

/** The HTTP face of the desk: API, live stream, docs, health, metrics and the web app. */
export async function buildServer(ctx: AppContext): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: process.env.DESKSIDE_TRUST_PROXY === '1',
    // Per-request log lines cost throughput; the metrics carry latency. Opt in when debugging.
    logController: new LogController({ disableRequestLogging: process.env.DESKSIDE_REQUEST_LOG !== '1' }),
    return503OnClosing: true,
  });
  // The API speaks JSON only: a text/plain body is the wrong media type (415), not a bad object.
  app.removeContentTypeParser('text/plain');
  await app.register(fastifyCookie);
  registerProblemHandler(app);
  registerSecurityHeaders(app, ctx.config.secureCookies);
  registerRequestActor(app, ctx.db, ctx.now);
  const registry = registerMetrics(app);

  opsRoutes(app, ctx, registry);
  authRoutes(app, ctx);
  accountMfaRoutes(app, ctx);
  ticketRoutes(app, ctx);
  ticketActionRoutes(app, ctx);
  attachmentRoutes(app, ctx);
  ticketMailRoutes(app, ctx);
  peopleRoutes(app, ctx);
  settingsRoutes(app, ctx);
  mailTemplateRoutes(app, ctx);
  tokenRoutes(app, ctx);
  streamRoutes(app, ctx);
  jobRoutes(app, ctx);
  auditRoutes(app, ctx);
  mailQuarantineRoutes(app, ctx);
  mailMailboxRoutes(app, ctx);
  directoryRoutes(app, ctx);
  manualPeopleRoutes(app, ctx);
  directoryGroupRoutes(app, ctx);
  licenseRoutes(app, ctx);
  slaRoutes(app, ctx);
  notificationRoutes(app, ctx);
  signalRuleRoutes(app, ctx);
  accessPolicyRoutes(app, ctx);
  accessRoutes(app, ctx);
  manualCompletionRoutes(app, ctx);
  managerApprovalRoutes(app, ctx);
  passwordResetRoutes(app, ctx);
  accessVerificationRoutes(app, ctx);

  const openapi = buildOpenApi();
  app.get('/api/v1/openapi.json', async () => openapi);
  const hasWebApp = await registerStaticFiles(app, ctx.config.webDist);

  app.setNotFoundHandler((req, reply) => {
    if (hasWebApp && isAppRoute(req.method, req.url)) return reply.type('text/html').sendFile('index.html');
    return reply.code(404).type('application/problem+json').send({
      type: 'urn:deskside:problem:not-found', title: 'Not Found', status: 404, detail: `No route ${req.method} ${req.url.split('?')[0]}`,
    });
  });
  return app;
}
