import type { SlaClock, SlaState } from './sla-state.js';

// Paused clocks sort after every running one, by what they have left; settled ones last.
// Both offsets sit far above any real wall-clock distance yet stay exact in a double.
export const PAUSED_SORT_OFFSET = 2 ** 50;
export const SETTLED_SORT_KEY = Number.MAX_SAFE_INTEGER;

/** A clock's sort key for the queue: ms until it breaches (negative when overdue). */
export function clockTimeToBreach(clock: SlaClock, now: number): number {
  if (clock.state === 'met' || clock.state === 'not_applicable' || clock.stoppedAt !== null) return SETTLED_SORT_KEY;
  if (clock.dueAt !== null) return clock.dueAt - now;
  const remaining = clock.remainingMs ?? 0;
  // A paused clock already past its target is still overdue.
  return remaining < 0 ? remaining : PAUSED_SORT_OFFSET + remaining;
}

/**
 * The ticket's sort key for the queue: the most urgent of its clocks. Running clocks sort by
 * wall-clock ms to their due time, paused ones after them, met or not applicable last.
 */
export function timeToBreach(state: SlaState, now: number): number {
  return Math.min(
    clockTimeToBreach(state.firstResponse, now),
    clockTimeToBreach(state.nextUpdate, now),
    clockTimeToBreach(state.restore, now),
    clockTimeToBreach(state.resolve, now),
  );
}
