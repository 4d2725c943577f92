import { CreateMailMailboxBody, InboundMailStatus, MailMailbox, MailMailboxList, MailMailboxRef, MailMailboxTestResult, UpdateMailMailboxBody } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../errors.js';
import {
  authorizeMailboxes, createMailbox, deleteMailbox, findMailboxRow, getMailbox, listMailboxes, testMailboxConnection, updateMailbox,
} from '../../modules/mail/imap/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { expectedVersion } from '../ticket-http.js';

export function mailMailboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/mail-mailboxes', tag: 'Mail', scope: 'admin',
    summary: 'IMAP mailboxes the workers poll, with their status; passwords are never returned (admins)',
    response: MailMailboxList,
    handler: async ({ actor }) => {
      authorizeMailboxes(actor);
      return { items: await listMailboxes(ctx.db, ctx.now()) };
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/admin/mail-mailboxes', tag: 'Mail', scope: 'admin', status: 201,
    summary: 'Add an IMAP mailbox to poll: server, TLS mode, login, folder, what to do with filed mail (admins)',
    body: CreateMailMailboxBody, response: MailMailbox,
    handler: async ({ actor, body }) => {
      authorizeMailboxes(actor);
      return ctx.db.transaction().execute((tx) => createMailbox(tx, body, ctx.now(), ctx.config.secretKey));
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/mail-mailboxes/:id', tag: 'Mail', scope: 'admin',
    summary: 'One IMAP mailbox with its status (admins)',
    params: MailMailboxRef, response: MailMailbox,
    handler: async ({ actor, params }) => {
      authorizeMailboxes(actor);
      return getMailbox(ctx.db, params.id, ctx.now());
    },
  });

  defineRoute(app, {
    method: 'PATCH', url: '/api/v1/admin/mail-mailboxes/:id', tag: 'Mail', scope: 'admin',
    summary: 'Change an IMAP mailbox (admins); leave the password out to keep it. Send If-Match with the version you saw.',
    params: MailMailboxRef, body: UpdateMailMailboxBody, response: MailMailbox,
    handler: async ({ actor, params, body, req }) => {
      authorizeMailboxes(actor);
      return ctx.db.transaction().execute((tx) => updateMailbox(tx, params.id, body, expectedVersion(req), ctx.now(), ctx.config.secretKey));
    },
  });

  defineRoute(app, {
    method: 'DELETE', url: '/api/v1/admin/mail-mailboxes/:id', tag: 'Mail', scope: 'admin',
    summary: 'Stop polling an IMAP mailbox and forget its settings; mail filed from it stays (admins)',
    params: MailMailboxRef,
    handler: async ({ actor, params }) => {
      authorizeMailboxes(actor);
      await ctx.db.transaction().execute((tx) => deleteMailbox(tx, params.id));
      return undefined;
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/admin/mail-mailboxes/:id/test', tag: 'Mail', scope: 'admin',
    summary: 'Log in with the stored settings and look at the folder; reads and flags nothing (admins)',
    params: MailMailboxRef, response: MailMailboxTestResult,
    handler: async ({ actor, params }) => {
      authorizeMailboxes(actor);
      const row = await findMailboxRow(ctx.db, params.id);
      if (!row) throw notFound('mailbox');
      return testMailboxConnection(row, ctx.config.secretKey);
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/mail-inbound', tag: 'Mail', scope: 'admin',
    summary: "The SMTP way in, read-only: this node's DESKSIDE_SMTP_LISTEN and the accepted domain (admins)",
    response: InboundMailStatus,
    handler: async ({ actor }) => {
      authorizeMailboxes(actor);
      const { listen, domain } = ctx.config.mail;
      return { smtp: { listening: listen !== undefined, listen: listen ?? null, domain }, deskAddress: `support@${domain}` };
    },
  });
}
