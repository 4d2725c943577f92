import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { unauthorized } from '../../errors.js';
import { isStaff } from '../../modules/identity/index.js';
import { countUnreadNotifications } from '../../modules/notifications/index.js';
import type { TicketChange } from '../../live/change-feed.js';
import type { AppContext } from '../app-context.js';

const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events: open desks hear that a ticket changed and refetch what
 * they show. Requesters hear only about public changes to their own tickets.
 * A person also hears of their own new notifications (`event: notification`), nobody else's.
 */
export function streamRoutes(app: FastifyInstance, ctx: AppContext): void {
  // A stream never ends by itself, and the server waits for open responses when it
  // closes: end them first, or a SIGTERM hangs for as long as a desk stays open.
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get('/api/v1/stream', async (req, reply) => {
    const actor = req.actor;
    if (!actor) throw unauthorized();
    const staff = isStaff(actor);
    const mayHear = async (change: TicketChange) => {
      if (staff) return true;
      if (change.visibility !== 'public') return false;
      const row = await ctx.db.selectFrom('tickets').select('requester_id').where('id', '=', change.ticketId).executeTakeFirst();
      return row?.requester_id === actor.id;
    };
    reply.hijack();
    const res = reply.raw;
    // Listen before answering: once the client sees 200, every later change reaches it.
    const unsubscribe = ctx.feed.subscribe((change) => {
      void mayHear(change).then((ok) => {
        if (!ok || res.destroyed) return;
        const data = JSON.stringify({ ticketId: change.ticketId, type: change.type, eventId: change.eventId });
        res.write(`event: ticket\nid: ${change.eventId}\ndata: ${data}\n\n`);
      }, () => undefined);
    });
    const unsubscribeNotices = ctx.feed.subscribeNotifications((notice) => {
      if (notice.personId !== actor.id || res.destroyed) return;
      // The count is read when it is sent, so the badge is right even if several arrive at once.
      void countUnreadNotifications(ctx.db, actor.id).then((unread) => {
        if (!res.destroyed) res.write(`event: notification\ndata: ${JSON.stringify({ id: notice.id, unread })}\n\n`);
      }, () => undefined);
    });
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    open.add(res);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      unsubscribeNotices();
      open.delete(res);
    });
  });
}
