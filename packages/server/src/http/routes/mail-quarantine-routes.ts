import { QuarantineList, QuarantineRef, ReprocessResult } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { forbidden } from '../../errors.js';
import { blobStoreFor } from '../../modules/attachments/index.js';
import { isAdmin } from '../../modules/identity/index.js';
import { mailOriginOf } from '../../modules/mail/index.js';
import { discardQuarantined, listQuarantine, reprocessQuarantined, type IngestDeps } from '../../modules/mail/ingest/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';

export function mailQuarantineRoutes(app: FastifyInstance, ctx: AppContext): void {
  const adminOnly = (actor: Parameters<typeof isAdmin>[0]) => {
    if (!isAdmin(actor)) throw forbidden('Only admins see and manage quarantined mail');
  };
  // Read per request: the mail settings are those the SMTP listener files with.
  const ingestDeps = (): IngestDeps => ({
    db: ctx.db,
    now: ctx.now,
    mailboxAddresses: [`support@${ctx.config.mail.domain}`],
    mail: mailOriginOf(ctx.config),
    blobs: blobStoreFor(ctx.config),
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/mail-quarantine', tag: 'Mail', scope: 'admin',
    summary: 'Inbound mail the desk would not file, newest first, headers only (admins)',
    response: QuarantineList,
    handler: async ({ actor }) => {
      adminOnly(actor);
      return { items: await listQuarantine(ctx.db) };
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/admin/mail-quarantine/:id/reprocess', tag: 'Mail', scope: 'admin',
    summary: 'Run a quarantined message through ingest again (admins); filed, it leaves quarantine',
    params: QuarantineRef, response: ReprocessResult,
    handler: async ({ actor, params }) => {
      adminOnly(actor);
      return reprocessQuarantined(ingestDeps(), params.id);
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/admin/mail-quarantine/:id/discard', tag: 'Mail', scope: 'admin',
    summary: 'Delete a quarantined message for good (admins)',
    params: QuarantineRef,
    handler: async ({ actor, params }) => {
      adminOnly(actor);
      await discardQuarantined(ctx.db, params.id);
      return undefined;
    },
  });
}
