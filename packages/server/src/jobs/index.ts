export { defineJobKind, type JobKind, type JobRun } from './job-kind.js';
export { enqueueJob, type EnqueueJob } from './enqueue-job.js';
export { defineRecurringJob, slotKey, slotStart, type Cadence, type RecurringJob } from './recurring.js';
export { startJobEngine, type JobEngine, type JobEngineOptions } from './job-engine.js';
export { listJobs } from './list-jobs.js';
export { retryJob } from './retry-job.js';
export { discardJob } from './discard-job.js';
export { presentJob } from './present-job.js';
