import { z } from 'zod';
import { defineJobKind } from './job-kind.js';

// Job kinds for the tests that drive a real worker process; registered only when
// DESKSIDE_TEST_JOBS=1, so a production worker never claims or runs them.

/** Sleeps for `ms` (stopping early if the worker gives the job back). */
export const testSleepJob = defineJobKind({
  name: 'test.sleep',
  payload: z.strictObject({ ms: z.number().int().min(0).max(600_000) }),
  handle: (payload, run) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, payload.ms);
      run.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new Error('given back at shutdown'));
      });
    }),
});

export const TEST_JOB_KINDS = [testSleepJob];
