import { z } from 'zod';
import { defineJobKind } from '../../jobs/job-kind.js';
import { activePeople, insertNotifications } from './notifications-repo.js';

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
 * pair makes a second run insert nothing and notify nobody.
 */
export const notifyJob = defineJobKind({
  name: 'notify',
  payload: NotifyPayload,
  handle: async (payload, _run, ctx) => {
    const createdAt = ctx.now();
    await ctx.db.transaction().execute(async (tx) => {
      const people = await activePeople(tx, payload.recipientIds);
      await insertNotifications(
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
    });
  },
});
