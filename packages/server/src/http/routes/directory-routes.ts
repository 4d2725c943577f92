import {
  DirectoryConnection, DirectoryPeopleList, DirectoryPeopleQuery, DirectoryPersonRef, DirectoryPersonView, DirectorySyncQueued, DirectoryTestResult,
  PutDirectoryConnectionBody,
} from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { conflict } from '../../errors.js';
import {
  authorizeDirectoryAdmin, authorizeDirectoryRead, findDirectoryConnection, getDirectoryConnection, getDirectoryPerson, requestDirectorySync,
  saveDirectoryConnection, searchDirectoryPeople, testDirectoryConnection,
} from '../../modules/directory-sync/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { expectedVersion } from '../ticket-http.js';

export function directoryRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/directory', tag: 'Directory', scope: 'admin',
    summary: 'The directory connection and its last sync; the bind password is never returned (admins)',
    response: DirectoryConnection,
    handler: async ({ actor }) => {
      authorizeDirectoryAdmin(actor);
      return getDirectoryConnection(ctx.db);
    },
  });

  defineRoute(app, {
    method: 'PUT', url: '/api/v1/admin/directory', tag: 'Directory', scope: 'admin',
    summary: 'Replace the directory connection (admins); leave bindPassword out to keep it. Send If-Match with the version you saw ("0" at first).',
    body: PutDirectoryConnectionBody, response: DirectoryConnection,
    handler: async ({ actor, body, req }) => {
      authorizeDirectoryAdmin(actor);
      return ctx.db.transaction().execute((tx) => saveDirectoryConnection(tx, body, expectedVersion(req), ctx.config.secretKey, ctx.now()));
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/admin/directory/test', tag: 'Directory', scope: 'admin',
    summary: 'Bind with the stored settings and read the people and group bases; reads no one, writes nothing (admins)',
    response: DirectoryTestResult,
    handler: async ({ actor }) => {
      authorizeDirectoryAdmin(actor);
      return testDirectoryConnection(await findDirectoryConnection(ctx.db), ctx.config.secretKey, ctx.log);
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/admin/directory/sync', tag: 'Directory', scope: 'admin', status: 202,
    summary: 'Sync people of record now: enqueues the sync job; the connection shows how it went (admins)',
    response: DirectorySyncQueued,
    handler: async ({ actor }) => {
      authorizeDirectoryAdmin(actor);
      return ctx.db.transaction().execute(async (tx) => {
        const row = await findDirectoryConnection(tx);
        if (!row) throw conflict('Save the directory connection before syncing it');
        const jobId = await requestDirectorySync(tx, row.id, ctx.now());
        return { queued: jobId !== null, jobId };
      });
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/directory/people', tag: 'Directory', scope: 'people:read',
    summary: 'Find people of record by name or e-mail, to pick a target from the directory (staff)',
    query: DirectoryPeopleQuery, response: DirectoryPeopleList,
    handler: async ({ actor, query }) => {
      authorizeDirectoryRead(actor);
      return { items: await searchDirectoryPeople(ctx.db, query) };
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/directory/people/:immutableId', tag: 'Directory', scope: 'people:read',
    summary: 'One person of record by immutable id, with phone of record and when contact details changed (staff)',
    params: DirectoryPersonRef, response: DirectoryPersonView,
    handler: async ({ actor, params }) => {
      authorizeDirectoryRead(actor);
      return getDirectoryPerson(ctx.db, params.immutableId);
    },
  });
}
