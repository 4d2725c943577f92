import type { z } from 'zod';
import type { JobKind } from './job-kind.js';

/** When a recurring job's slots start: every N ms (aligned to the epoch), or daily at HH:MM in a time zone. */
export type Cadence = { everyMs: number } | { dailyAt: string; timeZone: string };

/** A job the engine enqueues once per slot; `name` keys the slots, so keep it stable. */
export interface RecurringJob<S extends z.ZodType = z.ZodType> {
  name: string;
  kind: JobKind<S>;
  payload: z.input<S>;
  cadence: Cadence;
}

export function defineRecurringJob<S extends z.ZodType>(job: RecurringJob<S>): RecurringJob {
  return job as unknown as RecurringJob;
}

/** The dedupe key that lets exactly one job in per slot, whichever node offers it first. */
export function slotKey(name: string, slotStart: number): string {
  return `recurring:${name}:${slotStart}`;
}

/** The start (epoch ms) of the slot `now` falls in. */
export function slotStart(cadence: Cadence, now: number): number {
  if ('everyMs' in cadence) {
    if (!(cadence.everyMs >= 1000)) throw new Error(`A recurring job needs at least a second between runs, got ${cadence.everyMs} ms`);
    return Math.floor(now / cadence.everyMs) * cadence.everyMs;
  }
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(cadence.dailyAt);
  if (!match) throw new Error(`dailyAt must be HH:MM, got ${cadence.dailyAt}`);
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  const today = wallDate(now, cadence.timeZone);
  const todays = zonedTime(today.year, today.month, today.day, hour, minute, cadence.timeZone);
  if (todays <= now) return todays;
  const yesterday = wallDate(now - 86_400_000, cadence.timeZone);
  return zonedTime(yesterday.year, yesterday.month, yesterday.day, hour, minute, cadence.timeZone);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallParts(t: number, timeZone: string): Record<string, number> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(t)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts;
}

function wallDate(t: number, timeZone: string): { year: number; month: number; day: number } {
  const p = wallParts(t, timeZone);
  return { year: p.year!, month: p.month!, day: p.day! };
}

/** The zone's offset from UTC at instant t, in ms. */
function offsetAt(t: number, timeZone: string): number {
  const p = wallParts(t, timeZone);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(t / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in a zone. Guessing with the offset at the
 * naive instant, then at the guess, settles across a DST change; a time that does
 * not exist (skipped by spring-forward) lands an hour later on the wall clock, and an
 * ambiguous one (fall-back) on its second occurrence: still one slot a day.
 */
function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const first = naive - offsetAt(naive, timeZone);
  return naive - offsetAt(first, timeZone);
}
