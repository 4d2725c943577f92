import { z } from 'zod';
import { defineJobKind } from '../../jobs/job-kind.js';
import { mailOriginOf } from '../mail/index.js';
import { settleUnknownOutcomes } from './settle-unknown-outcomes.js';

/** How often the desk looks for requests stuck in unknown_outcome. */
export const UNKNOWN_OUTCOME_TICK_MS = 60_000;

/**
 * Reads back the accounts of requests stuck in unknown_outcome and records what it finds
 * (decision 0044); never writes to the directory. Overlapping runs are safe: the outcome is
 * saved at the version read before the read-back, so only one run (or an agent) records it.
 */
export const settleUnknownOutcomesJob = defineJobKind({
  name: 'access.unknown-outcomes.settle',
  payload: z.strictObject({}),
  handle: async (_payload, _run, ctx) => {
    const outcome = await settleUnknownOutcomes(
      { db: ctx.db, secretKey: ctx.config.secretKey, log: ctx.log, origin: mailOriginOf(ctx.config) },
      ctx.now(),
    );
    if (outcome.applied + outcome.notApplied + outcome.unreadable > 0) ctx.log.info(outcome, 'settled identity-action requests in unknown_outcome');
  },
});
