import { DirectoryGroupList, DirectoryGroupsQuery } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { authorizeDirectoryRead, searchDirectoryGroups } from '../../modules/directory-sync/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';

export function directoryGroupRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/directory/groups', tag: 'Directory', scope: 'people:read',
    summary: 'Directory groups the people of record belong to, by name, to pick the group of a membership action (staff)',
    query: DirectoryGroupsQuery, response: DirectoryGroupList,
    handler: async ({ actor, query }) => {
      authorizeDirectoryRead(actor);
      return { items: await searchDirectoryGroups(ctx.db, query) };
    },
  });
}
