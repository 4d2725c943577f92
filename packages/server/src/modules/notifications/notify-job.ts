import { z } from 'zod';
import { defineJobKind } from '../../jobs/job-kind.js';
import { mailOriginOf, queueStaffNotice } from '../mail/index.js';
import { activePeople, insertNotifications, ticketHeadline } from './notifications-repo.js';

export const NotifyPayload = z.strictObject({
  recipientIds: z.array(z.number().int().positive()).min(1).max(500),
  ticketId: z.number().int().positive().optional(),
  kind: z.string().min(1).max(50),
  title: z.string().min(1).max(300),
  body: z.string().max(2000).optional(),
  /** What caused it (an event, an SLA deadline): each person gets one row per source, however often the job runs. */
  sourceKey: z.string().min(1).max(290),
});
export type NotifyPayload = z.infer<typeof NotifyPayload>;

/**
 * Writes one notification per recipient. The job may run more than once (a worker can
 * die after committing and before recording the job done): the unique (person, source)
 * pair makes a second run insert nothing and notify nobody. SLA notices also go out by
 * e-mail, queued with the new rows in the same transaction, so each lands in one inbox once.
 */
export const notifyJob = defineJobKind({
  name: 'notify',
  payload: NotifyPayload,
  handle: async (payload, _run, ctx) => {
    const createdAt = ctx.now();
    await ctx.db.transaction().execute(async (tx) => {
      const people = await activePeople(tx, payload.recipientIds);
      const fresh = await insertNotifications(
        tx,
        people.map((personId) => ({
          personId,
          ticketId: payload.ticketId ?? null,
          kind: payload.kind,
          title: payload.title,
          body: payload.body ?? null,
          sourceKey: payload.sourceKey,
          createdAt,
        })),
      );
      if (!payload.kind.startsWith('sla.') || payload.ticketId === undefined || fresh.length === 0) return;
      const ticket = await ticketHeadline(tx, payload.ticketId);
      if (!ticket) return;
      const origin = mailOriginOf(ctx.config);
      for (const { id, personId } of fresh) {
        await queueStaffNotice(tx, origin, { personId, ticket, title: payload.title, sourceKey: `notification:${id}` }, createdAt);
      }
    });
  },
});
