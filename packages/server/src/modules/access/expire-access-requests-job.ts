import { z } from 'zod';
import { defineJobKind } from '../../jobs/job-kind.js';
import { expireAccessRequests } from './expire-access-requests.js';

/** How often the desk looks for open requests past their lifetime. */
export const ACCESS_REQUEST_EXPIRY_TICK_MS = 60_000;

/**
 * Expires open identity-action requests past their lifetime (decision 0044), instead of waiting
 * for someone to read them. Runs are idempotent: each request is saved at the version read, so
 * two overlapping runs expire it once.
 */
export const expireAccessRequestsJob = defineJobKind({
  name: 'access.requests.expire',
  payload: z.strictObject({}),
  handle: async (_payload, _run, ctx) => {
    const outcome = await expireAccessRequests(ctx.db, ctx.now());
    if (outcome.expired > 0) ctx.log.info(outcome, 'expired identity-action requests past their lifetime');
  },
});
