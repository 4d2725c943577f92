import { CreateUserBody, GroupList, PeopleList, PeopleQuery, Person } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { forbidden } from '../../errors.js';
import { createUser, groupIdsByUser, isAdmin, isStaff, listGroups, presentPerson, searchUsers } from '../../modules/identity/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';

export function peopleRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/people', tag: 'People', scope: 'people:read',
    summary: 'Find people (staff only): callers to open tickets for, agents to assign',
    query: PeopleQuery, response: PeopleList,
    handler: async ({ actor, query }) => {
      if (!isStaff(actor)) throw forbidden('Only the desk looks people up');
      const rows = await searchUsers(ctx.db, { text: query.q, role: query.role, limit: query.limit });
      const groups = await groupIdsByUser(ctx.db, rows.map((r) => r.id));
      return { items: rows.map((r) => presentPerson(r, groups.get(r.id) ?? [])) };
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/people', tag: 'People', scope: 'admin', status: 201,
    summary: 'Add a person (admins)',
    body: CreateUserBody, response: Person,
    handler: async ({ actor, body }) => {
      if (!isAdmin(actor)) throw forbidden('Only admins add people');
      const user = await ctx.db.transaction().execute((tx) => createUser(tx, { ...body, now: ctx.now() }));
      return presentPerson(user, body.groupIds ?? []);
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/groups', tag: 'People', scope: 'people:read',
    summary: 'Support groups with their tier and members (staff only)',
    response: GroupList,
    handler: async ({ actor }) => {
      if (!isStaff(actor)) throw forbidden('Only the desk lists groups');
      const groups = await listGroups(ctx.db);
      return { items: groups.map((g) => ({ id: g.id, name: g.name, tier: g.tier, memberIds: g.memberIds })) };
    },
  });
}
