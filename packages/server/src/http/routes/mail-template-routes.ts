import { MailTemplateBody, MailTemplateKind, MailTemplateList } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { forbidden } from '../../errors.js';
import { isAdmin } from '../../modules/identity/index.js';
import { listMailTemplates, updateMailTemplate } from '../../modules/mail/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';

const KindRef = z.object({ kind: MailTemplateKind });

/** Admins read and change the wording of the desk's mail to requesters (decision 0023). */
export function mailTemplateRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/mail-templates', tag: 'Settings', scope: 'admin',
    summary: 'The mail templates: the admins\' subject and text per kind (null: built-in) and the placeholders each may use',
    response: MailTemplateList,
    handler: async ({ actor }) => {
      if (!isAdmin(actor)) throw forbidden('Only admins read the mail templates');
      return listMailTemplates(ctx.db);
    },
  });

  defineRoute(app, {
    method: 'PUT', url: '/api/v1/admin/mail-templates/:kind', tag: 'Settings', scope: 'admin',
    summary: 'Set the subject and text of one kind of mail; an unknown {{placeholder}} is refused (422)',
    params: KindRef, body: MailTemplateBody, response: MailTemplateList,
    handler: async ({ actor, params, body }) => {
      if (!isAdmin(actor)) throw forbidden('Only admins change the mail templates');
      return ctx.db.transaction().execute((tx) => updateMailTemplate(tx, params.kind, body, ctx.now()));
    },
  });

  defineRoute(app, {
    method: 'DELETE', url: '/api/v1/admin/mail-templates/:kind', tag: 'Settings', scope: 'admin',
    summary: 'Go back to the built-in wording for one kind of mail',
    params: KindRef, response: MailTemplateList,
    handler: async ({ actor, params }) => {
      if (!isAdmin(actor)) throw forbidden('Only admins change the mail templates');
      return ctx.db.transaction().execute((tx) => updateMailTemplate(tx, params.kind, null, ctx.now()));
    },
  });
}
