import { Readable } from 'node:stream';
import { AuditExportQuery, AuditList, AuditVerification, ListAuditQuery } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { forbidden } from '../../errors.js';
import { exportAuditEntries, listAuditEntries, verifyAuditChain } from '../../modules/audit/index.js';
import { type Actor, isAdmin } from '../../modules/identity/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';

// Read-only on purpose: the audit log has no route that edits or deletes it (decision 0031).
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  // A token needs audit:read (or admin) and an admin owner: the scope narrows, never widens.
  const adminOnly = (actor: Actor) => {
    if (!isAdmin(actor)) throw forbidden('Only admins read the audit log');
  };

  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/audit', tag: 'Audit', scope: 'audit:read',
    summary: 'The audit log of identity actions, newest first, keyset-paged by seq (admins)',
    query: ListAuditQuery, response: AuditList,
    handler: async ({ actor, query }) => {
      adminOnly(actor);
      return listAuditEntries(ctx.db, query);
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/audit/export', tag: 'Audit', scope: 'audit:read',
    summary: 'The audit log after ?since= as JSON lines (seq, prevHash, hash, entry), oldest first, for a SIEM (admins)',
    query: AuditExportQuery,
    handler: async ({ actor, query, reply }) => {
      adminOnly(actor);
      reply.type('application/jsonl; charset=utf-8');
      return Readable.from(exportAuditEntries(ctx.db, query.since));
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/audit/verify', tag: 'Audit', scope: 'audit:read',
    summary: 'Walk the hash chain: ok with the count and head hash, or the first broken link (admins)',
    response: AuditVerification,
    handler: async ({ actor }) => {
      adminOnly(actor);
      return verifyAuditChain(ctx.db);
    },
  });
}
