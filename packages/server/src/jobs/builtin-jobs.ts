import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../http/app-context.js';
import {
  ACCESS_REQUEST_EXPIRY_TICK_MS, expireAccessRequestsJob, expireTimedMembershipsJob, sendResetLinkJob, sendVerificationLinkJob, settleUnknownOutcomesJob,
  TIMED_MEMBERSHIP_TICK_MS, UNKNOWN_OUTCOME_TICK_MS,
} from '../modules/access/index.js';
import { DIRECTORY_SYNC_TICK_MS, directorySyncJob } from '../modules/directory-sync/index.js';
import { sendMailJob } from '../modules/mail/index.js';
import { notifyJob } from '../modules/notifications/index.js';
import { autoCloseTickets, slaCheckJob, slaSweepJob } from '../modules/tickets/index.js';
import { defineJobKind, type JobKind } from './job-kind.js';
import { pruneDoneJobs } from './jobs-repo.js';
import { defineRecurringJob, type RecurringJob } from './recurring.js';

const NoPayload = z.strictObject({});

/** Done jobs are kept this long: for inspection, and so a recent slot's dedupe key still blocks a second run. */
export const KEEP_DONE_JOBS_MS = 7 * 24 * 60 * 60 * 1000;

/** Closes resolved tickets past their auto-close time; version-checked, so a repeated run closes nothing twice. */
export const autoCloseJob = defineJobKind({
  name: 'tickets.auto-close',
  payload: NoPayload,
  handle: async (_payload, _run, ctx) => {
    const closed = await autoCloseTickets(ctx.db, ctx.now());
    if (closed > 0) ctx.log.info({ closed }, 'auto-closed resolved tickets');
  },
});

/**
 * SQLite's planner needs fresh statistics as tables grow (without them it chose a
 * status index that read every ticket). PRAGMA optimize re-analyses only what changed
 * enough; it runs in a transaction because only the write connection may analyse.
 */
export const optimizeSqliteJob = defineJobKind({
  name: 'db.sqlite-optimize',
  payload: NoPayload,
  handle: async (_payload, _run, ctx) => {
    if (ctx.dialect !== 'sqlite') return;
    await ctx.db.transaction().execute((tx) => sql`PRAGMA optimize`.execute(tx));
  },
});

/** Deletes done jobs older than KEEP_DONE_JOBS_MS; dead jobs stay until an admin acts. */
export const pruneJobsJob = defineJobKind({
  name: 'jobs.prune',
  payload: NoPayload,
  handle: async (_payload, _run, ctx) => {
    const pruned = await pruneDoneJobs(ctx.db, ctx.now() - KEEP_DONE_JOBS_MS);
    if (pruned > 0) ctx.log.info({ pruned }, 'pruned old done jobs');
  },
});

/** Kinds that run when a use case enqueues them (recurring kinds come with their slots). */
export const BUILTIN_JOB_KINDS: readonly JobKind[] = [notifyJob, slaCheckJob, sendMailJob, directorySyncJob, sendResetLinkJob, sendVerificationLinkJob];

/** The recurring jobs every worker offers; one node wins each slot. */
export function builtinRecurringJobs(ctx: AppContext): RecurringJob[] {
  const jobs = [
    defineRecurringJob({ name: 'auto-close', kind: autoCloseJob, payload: {}, cadence: { everyMs: Math.max(1000, ctx.config.sweepIntervalMs) } }),
    // The SLA timers' safety net (decision 0020): a minute is the finest SLA target.
    defineRecurringJob({ name: 'sla-sweep', kind: slaSweepJob, payload: {}, cadence: { everyMs: 60_000 } }),
    defineRecurringJob({ name: 'prune-jobs', kind: pruneJobsJob, payload: {}, cadence: { dailyAt: '03:30', timeZone: 'UTC' } }),
    // Looks each minute whether the directory's own sync interval has passed (decision 0033).
    defineRecurringJob({ name: 'directory-sync', kind: directorySyncJob, payload: {}, cadence: { everyMs: DIRECTORY_SYNC_TICK_MS } }),
    // Time-bound group memberships end within a minute of their instant (decision 0039).
    defineRecurringJob({ name: 'timed-memberships', kind: expireTimedMembershipsJob, payload: {}, cadence: { everyMs: TIMED_MEMBERSHIP_TICK_MS } }),
    // Open identity-action requests past their lifetime, and writes whose outcome stayed unknown (decision 0044).
    defineRecurringJob({ name: 'access-request-expiry', kind: expireAccessRequestsJob, payload: {}, cadence: { everyMs: ACCESS_REQUEST_EXPIRY_TICK_MS } }),
    defineRecurringJob({ name: 'unknown-outcome-settlement', kind: settleUnknownOutcomesJob, payload: {}, cadence: { everyMs: UNKNOWN_OUTCOME_TICK_MS } }),
  ];
  if (ctx.dialect === 'sqlite') {
    jobs.push(defineRecurringJob({ name: 'sqlite-optimize', kind: optimizeSqliteJob, payload: {}, cadence: { everyMs: 60 * 60 * 1000 } }));
  }
  return jobs;
}
