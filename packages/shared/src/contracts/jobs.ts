import { z } from 'zod';
import { Id, IdParam, IsoDateTime } from './common.js';

export const JobStatus = z.enum(['ready', 'running', 'done', 'dead']).meta({ id: 'JobStatus' });
export type JobStatus = z.infer<typeof JobStatus>;

/** A background job as admins see it (the dead-letter list and its neighbours). */
export const Job = z
  .object({
    id: Id,
    kind: z.string(),
    status: JobStatus,
    payload: z.unknown(),
    runAt: IsoDateTime,
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    lastError: z.string().nullable(),
    lockedBy: z.string().nullable().describe('The worker node holding it, or the one that ran it'),
    leaseUntil: IsoDateTime.nullable(),
    dedupeKey: z.string().nullable(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    finishedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof Job>;

export const ListJobsQuery = z
  .strictObject({
    status: JobStatus.optional(),
    before: z.coerce.number().int().positive().optional().describe('Keyset cursor: nextBefore of the previous page'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .meta({ id: 'ListJobsQuery' });
export type ListJobsQuery = z.infer<typeof ListJobsQuery>;

export const JobList = z.object({ items: z.array(Job), nextBefore: Id.nullable() });
export type JobList = z.infer<typeof JobList>;

export const JobRef = z.object({ id: IdParam });
