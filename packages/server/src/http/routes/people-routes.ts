import { CreateUserBody, GroupList, PeopleList, PeopleQuery, Person, PersonEventList, PersonParams, UpdatePersonBody } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import {
  activeTotpAmong,
  authorizePeople,
  createUser,
  getPerson,
  groupIdsByUser,
  listGroups,
  listPersonEvents,
  presentPerson,
  isAdmin,
  searchUsers,
  updatePerson,
} from '../../modules/identity/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { expectedVersion } from '../ticket-http.js';

export function peopleRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/people', tag: 'People', scope: 'people:read',
    summary: 'Find people (staff only): callers to open tickets for, agents to assign; deactivated people for admins',
    query: PeopleQuery, response: PeopleList,
    handler: async ({ actor, query }) => {
      authorizePeople(actor, query.status === 'active' ? 'find' : 'manage');
      const rows = await searchUsers(ctx.db, { text: query.q, role: query.role, status: query.status, limit: query.limit });
      const groups = await groupIdsByUser(ctx.db, rows.map((r) => r.id));
      // Admins see who has two-factor sign-in on; the desk looking up callers does not need to.
      const items = rows.map((r) => presentPerson(r, groups.get(r.id) ?? []));
      if (!isAdmin(actor)) return { items };
      return { items, mfaOn: [...(await activeTotpAmong(ctx.db, rows.map((r) => r.id)))].sort((a, b) => a - b) };
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/people', tag: 'People', scope: 'admin', status: 201,
    summary: 'Add a person (admins)',
    body: CreateUserBody, response: Person,
    handler: async ({ actor, body }) => {
      authorizePeople(actor, 'manage');
      const user = await ctx.db.transaction().execute((tx) => createUser(tx, { ...body, actorId: actor.id, now: ctx.now() }));
      return presentPerson(user, [...new Set(body.groupIds ?? [])].sort((a, b) => a - b));
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/people/:id', tag: 'People', scope: 'people:read',
    summary: 'One person, with the version to send as If-Match (staff only)',
    params: PersonParams, response: Person,
    handler: async ({ actor, params }) => {
      authorizePeople(actor, 'find');
      return getPerson(ctx.db, params.id);
    },
  });

  defineRoute(app, {
    method: 'PATCH', url: '/api/v1/people/:id', tag: 'People', scope: 'admin',
    summary:
      'Change a person (admins): name, role, groups, VIP, active. Deactivating ends their sessions and revokes their API tokens. ' +
      'Send If-Match with the version you saw.',
    params: PersonParams, body: UpdatePersonBody, response: Person,
    handler: async ({ actor, params, body, req }) => {
      authorizePeople(actor, 'manage');
      return updatePerson(ctx.db, { actor, id: params.id, changes: body, expectedVersion: expectedVersion(req), now: ctx.now() });
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/people/:id/events', tag: 'People', scope: 'admin',
    summary: "A person's audit trail, newest first: who changed what and when (admins)",
    params: PersonParams, response: PersonEventList,
    handler: async ({ actor, params }) => {
      authorizePeople(actor, 'manage');
      return { items: await listPersonEvents(ctx.db, params.id) };
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/groups', tag: 'People', scope: 'people:read',
    summary: 'Support groups with their tier and members (staff only)',
    response: GroupList,
    handler: async ({ actor }) => {
      authorizePeople(actor, 'find');
      const groups = await listGroups(ctx.db);
      return { items: groups.map((g) => ({ id: g.id, name: g.name, tier: g.tier, memberIds: g.memberIds })) };
    },
  });
}
