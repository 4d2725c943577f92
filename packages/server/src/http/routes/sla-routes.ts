import { Calendar, CalendarList, CalendarRef, CreateCalendarBody, CreateSlaPolicyBody, SlaPolicyList, SlaPolicyRef, SlaPolicyView, UpdateCalendarBody, UpdateSlaPolicyBody } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import {
  authorizeSla, createCalendar, createSlaPolicy, getCalendar, getSlaPolicy, listCalendars, listSlaPolicies, updateCalendar, updateSlaPolicy,
} from '../../modules/sla/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { expectedVersion } from '../ticket-http.js';

export function slaRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/calendars', tag: 'SLA', scope: 'tickets:read',
    summary: 'Business-hours calendars, by name (staff)',
    response: CalendarList,
    handler: async ({ actor }) => {
      authorizeSla(actor, 'view');
      return { items: await listCalendars(ctx.db) };
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/calendars', tag: 'SLA', scope: 'admin', status: 201,
    summary: 'Add a calendar: IANA time zone, weekly hours (overnight allowed), holidays, or 24x7 (admins)',
    body: CreateCalendarBody, response: Calendar,
    handler: async ({ actor, body }) => {
      authorizeSla(actor, 'manage');
      return ctx.db.transaction().execute((tx) => createCalendar(tx, body, ctx.now()));
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/calendars/:id', tag: 'SLA', scope: 'tickets:read',
    summary: 'One calendar (staff)',
    params: CalendarRef, response: Calendar,
    handler: async ({ actor, params }) => {
      authorizeSla(actor, 'view');
      return getCalendar(ctx.db, params.id);
    },
  });

  defineRoute(app, {
    method: 'PATCH', url: '/api/v1/calendars/:id', tag: 'SLA', scope: 'admin',
    summary: "Change a calendar (admins); its policies' open tickets are re-timed. Send If-Match with the version you saw.",
    params: CalendarRef, body: UpdateCalendarBody, response: Calendar,
    handler: async ({ actor, params, body, req }) => {
      authorizeSla(actor, 'manage');
      return ctx.db.transaction().execute((tx) => updateCalendar(tx, params.id, body, expectedVersion(req), ctx.now()));
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/sla-policies', tag: 'SLA', scope: 'tickets:read',
    summary: 'SLA policies in evaluation order: the first whose conditions match a new ticket applies, else the default (staff)',
    response: SlaPolicyList,
    handler: async ({ actor }) => {
      authorizeSla(actor, 'view');
      return { items: await listSlaPolicies(ctx.db) };
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/sla-policies', tag: 'SLA', scope: 'admin', status: 201,
    summary: 'Add an SLA policy: targets per priority in business minutes, calendar, pausing reasons, conditions (admins)',
    body: CreateSlaPolicyBody, response: SlaPolicyView,
    handler: async ({ actor, body }) => {
      authorizeSla(actor, 'manage');
      return ctx.db.transaction().execute((tx) => createSlaPolicy(tx, body, ctx.now()));
    },
  });

  defineRoute(app, {
    method: 'GET', url: '/api/v1/sla-policies/:id', tag: 'SLA', scope: 'tickets:read',
    summary: 'One SLA policy (staff)',
    params: SlaPolicyRef, response: SlaPolicyView,
    handler: async ({ actor, params }) => {
      authorizeSla(actor, 'view');
      return getSlaPolicy(ctx.db, params.id);
    },
  });

  defineRoute(app, {
    method: 'PATCH', url: '/api/v1/sla-policies/:id', tag: 'SLA', scope: 'admin',
    summary: "Change an SLA policy (admins); its open tickets are re-judged on the new terms. Send If-Match with the version you saw.",
    params: SlaPolicyRef, body: UpdateSlaPolicyBody, response: SlaPolicyView,
    handler: async ({ actor, params, body, req }) => {
      authorizeSla(actor, 'manage');
      return ctx.db.transaction().execute((tx) => updateSlaPolicy(tx, params.id, body, expectedVersion(req), ctx.now()));
    },
  });
}
