import { redactUrl } from '../config.js';
import type { AppContext } from '../http/app-context.js';
import { BUILTIN_JOB_KINDS, builtinRecurringJobs } from './builtin-jobs.js';
import { startJobEngine, type JobEngine } from './job-engine.js';
import { TEST_JOB_KINDS } from './test-jobs.js';

/**
 * The background role: the durable job engine (decision 0015) with the desk's
 * recurring jobs — the auto-close sweep, the SLA timers' sweep, pruning, and SQLite's
 * PRAGMA optimize — and the kinds use cases enqueue (notifications, SLA checks).
 * Any number of worker nodes may run on PostgreSQL; each slot runs once.
 */
export function startWorker(ctx: AppContext): JobEngine {
  // Test kinds exist only for the suites that drive a real worker process.
  const kinds = [...BUILTIN_JOB_KINDS, ...(process.env.DESKSIDE_TEST_JOBS === '1' ? TEST_JOB_KINDS : [])];
  const smtp = ctx.config.mail.smtpUrl;
  ctx.log.info({ smtp: smtp ? redactUrl(smtp) : null }, smtp ? 'outbound mail goes to this SMTP server' : 'no DESKSIDE_SMTP_URL: outbound mail is recorded, not sent');
  return startJobEngine(ctx, { kinds, recurring: builtinRecurringJobs(ctx) });
}
