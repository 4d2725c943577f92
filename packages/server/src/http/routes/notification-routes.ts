import { ListNotificationsQuery, MarkNotificationsReadBody, MarkNotificationsReadResult, NotificationList } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { listNotifications, markNotificationsRead } from '../../modules/notifications/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';

/** The signed-in person's own notifications: the bell in the desk's header. */
export function notificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET', url: '/api/v1/notifications', tag: 'Notifications', scope: 'tickets:read',
    summary: 'Your notifications, newest first, with your unread count; ?unreadOnly=true for the unread ones',
    query: ListNotificationsQuery, response: NotificationList,
    handler: async ({ actor, query }) =>
      listNotifications(ctx.db, actor, { unreadOnly: query.unreadOnly === 'true', before: query.before, limit: query.limit }),
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/notifications/read', tag: 'Notifications', scope: 'tickets:write',
    summary: 'Mark your notifications read: { ids } or everything { upTo } an id; returns your unread count',
    body: MarkNotificationsReadBody, response: MarkNotificationsReadResult,
    handler: async ({ actor, body }) => ctx.db.transaction().execute((tx) => markNotificationsRead(tx, actor, body, ctx.now())),
  });
}
