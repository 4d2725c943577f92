import type { z } from 'zod';
import type { AppContext } from '../http/app-context.js';

/** What a handler learns about the run it is in. */
export interface JobRun {
  id: number;
  /** 1 on the first run; a retry or a run after a lost lease counts up. */
  attempt: number;
  runAt: number;
  dedupeKey: string | null;
  /** Aborted when the worker stops and gives the job back; long handlers should stop early. */
  signal: AbortSignal;
}

/**
 * A kind of job: its name, its payload schema and its handler. Runs are at least once
 * (a worker may die after the effect and before recording it), so handlers must be
 * idempotent: check the state they are about to change, or key their writes.
 */
export interface JobKind<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly payload: S;
  handle(payload: z.output<S>, run: JobRun, ctx: AppContext): Promise<void>;
}

/**
 * What enqueueing needs of a kind: its name and payload schema. A module may enqueue a
 * kind whose handler lives in a module that depends on it, without importing that module.
 */
export type JobAddress<S extends z.ZodType = z.ZodType> = Pick<JobKind<S>, 'name' | 'payload'>;

/** Declares a job kind; the payload type follows from the schema. */
export function defineJobKind<S extends z.ZodType>(kind: JobKind<S>): JobKind<S> {
  return kind;
}

/** The kinds one engine runs, by name. */
export type JobKinds = ReadonlyMap<string, JobKind>;

export function jobKinds(kinds: readonly JobKind[]): JobKinds {
  const byName = new Map<string, JobKind>();
  for (const kind of kinds) {
    if (byName.has(kind.name)) throw new Error(`Job kind ${kind.name} is registered twice`);
    byName.set(kind.name, kind);
  }
  return byName;
}
