import { DirectoryPersonView, ManualPersonBody, ManualPersonRef } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { authorizeDirectoryAdmin, saveManualPerson } from '../../modules/directory-sync/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { sourceIp } from './access-routes.js';

/** People of record of a manual directory, entered by admins (decision 0043). */
export function manualPeopleRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'PUT', url: '/api/v1/admin/directory/people/:immutableId', tag: 'Directory', scope: 'admin',
    summary: "Add or replace a person of record of a manual directory by their id in the native console; a changed phone or e-mail is dated now (admins)",
    params: ManualPersonRef, body: ManualPersonBody, response: DirectoryPersonView,
    handler: async ({ actor, params, body, req }) => {
      authorizeDirectoryAdmin(actor);
      return ctx.db.transaction().execute((tx) => saveManualPerson(tx, params.immutableId, body, { actorId: actor.id, sourceIp: sourceIp(req), now: ctx.now() }));
    },
  });
}
