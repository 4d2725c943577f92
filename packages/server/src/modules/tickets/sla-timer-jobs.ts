import { z } from 'zod';
import { defineJobKind } from '../../jobs/job-kind.js';
import { SLA_CHECK } from '../sla/index.js';
import { checkTicketSla } from './check-ticket-sla.js';
import { sweepSlaTimers } from './sweep-sla-timers.js';

/**
 * Looks at one ticket's SLA now: records and notifies each warning, breach or silence reached
 * and not yet recorded, escalates breaches as the policy says, and schedules the next check.
 * At least once is safe: the marks' unique key lets each stage through once.
 */
export const slaCheckJob = defineJobKind({
  ...SLA_CHECK,
  handle: async (payload, _run, ctx) => {
    await checkTicketSla(ctx.db, payload.ticketId, ctx.now());
  },
});

/** The safety net: checks open tickets whose due instant passed without a check keyed on it. */
export const slaSweepJob = defineJobKind({
  name: 'sla.sweep',
  payload: z.strictObject({}),
  handle: async (_payload, _run, ctx) => {
    const enqueued = await sweepSlaTimers(ctx.db, ctx.now());
    if (enqueued > 0) ctx.log.warn({ enqueued }, 'SLA sweep found overdue tickets with no check scheduled');
  },
});
