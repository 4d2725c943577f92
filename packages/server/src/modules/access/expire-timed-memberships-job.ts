import { z } from 'zod';
import { defineJobKind } from '../../jobs/job-kind.js';
import { mailOriginOf } from '../mail/index.js';
import { expireTimedMemberships } from './expire-timed-memberships.js';

/** How often the desk looks for time-bound memberships whose end has come. */
export const TIMED_MEMBERSHIP_TICK_MS = 60_000;

/**
 * Removes expired time-bound group memberships (decision 0039). A recurring slot runs on one node;
 * each membership is claimed before it is touched, so even overlapping runs remove it once. A
 * membership the directory would not let go stays due and is tried again on the next tick.
 */
export const expireTimedMembershipsJob = defineJobKind({
  name: 'access.timed-memberships.expire',
  payload: z.strictObject({}),
  handle: async (_payload, _run, ctx) => {
    const outcome = await expireTimedMemberships(
      { db: ctx.db, secretKey: ctx.config.secretKey, log: ctx.log, origin: mailOriginOf(ctx.config) },
      ctx.now(),
    );
    if (outcome.removed + outcome.alreadyRemoved + outcome.failed > 0) ctx.log.info(outcome, 'ended expired time-bound memberships');
  },
});
