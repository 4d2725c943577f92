import type { PendingReason, Priority } from '@deskside/shared';
import { DAY, HOUR } from './demo-plan.js';
import type { DemoStory } from './demo-story.js';
import type { Rng } from './prng.js';

/** Where a demo ticket ends up; the queue needs some of every one. */
export type Outcome =
  | 'new'
  | 'acknowledged'
  | 'in_progress'
  | 'reopened_open'
  | `pending_${PendingReason}`
  | 'restored'
  | 'resolved'
  | 'closed_confirmed'
  | 'closed_auto'
  | 'reopened_closed';

/** How many tickets end in each outcome, and how old they are (hours). Older work is mostly closed. */
export const OUTCOME_MIX: readonly { outcome: Outcome; count: number; ageHours: [number, number] }[] = [
  { outcome: 'new', count: 20, ageHours: [0.1, 30] },
  { outcome: 'acknowledged', count: 18, ageHours: [0.5, 72] },
  { outcome: 'in_progress', count: 26, ageHours: [2, 12 * 24] },
  { outcome: 'reopened_open', count: 4, ageHours: [3 * 24, 14 * 24] },
  { outcome: 'pending_user', count: 11, ageHours: [24, 20 * 24] },
  { outcome: 'pending_vendor', count: 8, ageHours: [24, 20 * 24] },
  { outcome: 'pending_change', count: 7, ageHours: [12, 10 * 24] },
  { outcome: 'restored', count: 16, ageHours: [12, 14 * 24] },
  { outcome: 'resolved', count: 28, ageHours: [5, 3.5 * 24] },
  { outcome: 'closed_confirmed', count: 82, ageHours: [24, 30 * 24] },
  { outcome: 'closed_auto', count: 60, ageHours: [6.5 * 24, 30 * 24] },
  { outcome: 'reopened_closed', count: 10, ageHours: [5 * 24, 30 * 24] },
];

export const OPEN_OUTCOMES: readonly Outcome[] = ['acknowledged', 'in_progress', 'reopened_open', 'pending_user', 'pending_vendor', 'pending_change', 'restored'];

/** Whether a story has the words an outcome needs. */
export function storyFits(story: DemoStory, outcome: Outcome): boolean {
  if (outcome.startsWith('pending_')) return story.waits?.[outcome.slice(8) as PendingReason] !== undefined;
  if (outcome === 'restored') return story.workaround !== undefined;
  if (outcome.startsWith('reopened')) return story.reopen !== undefined;
  return true;
}

/** Minutes scale with priority: a P1 moves in minutes, a P4 in hours. */
export const PACE: Record<Priority, number> = { P1: 0.15, P2: 0.4, P3: 1, P4: 1.6 };

/** How far out the acknowledgement promises the next update (minutes). */
export const PROMISE_MINUTES: Record<Priority, [number, number]> = { P1: [15, 30], P2: [60, 120], P3: [240, 480], P4: [480, 1440] };

/** The last word from the desk on a ticket that is still open. */
export const CHECK_INS: Record<Exclude<Outcome, 'new' | 'resolved' | 'closed_confirmed' | 'closed_auto' | 'reopened_closed'>, readonly string[]> = {
  acknowledged: ['We have your ticket and will be in touch by the time promised.'],
  in_progress: [
    'Still on this. We have ruled out your account and are testing the next thing now.',
    'Quick update: we have narrowed it down and are trying a fix. Next update by the promised time.',
    'Working on it with a colleague; nothing needed from you for now.',
  ],
  reopened_open: ['Sorry this came back. We are looking at it again and will not close it until you confirm.'],
  pending_user: ['Just checking in: we still need your answer above to carry on. Reply here whenever suits you.'],
  pending_vendor: ['Chased the supplier again today; still no firm date. We will keep chasing.'],
  pending_change: ['The fix is booked into the change window; we will confirm here once it is in.'],
  restored: ['Your workaround should keep you going; the permanent fix is still being worked on.'],
};

/**
 * When a ticket was opened: recent ones at any hour, older ones during the
 * working day and mostly on weekdays. Always draws the same numbers, so the
 * plan does not depend on the day the demo is seeded.
 */
export function openedAt(rng: Rng, now: number, [minHours, maxHours]: [number, number], allowWeekendShift: boolean): number {
  const age = rng.between(minHours, maxHours) * HOUR;
  const hourOfDay = rng.between(7.5, 18);
  const keepWeekend = rng.chance(0.1);
  const weekdaySlot = rng.int(1, 5);
  const exact = now - age;
  if (age < 20 * HOUR) return Math.round(exact);
  let at = exact - (exact % DAY) + hourOfDay * HOUR;
  const weekday = new Date(at).getUTCDay();
  // A weekend ticket mostly belongs to one of the weekdays before it; never later, so it only gets older.
  if (allowWeekendShift && !keepWeekend && (weekday === 0 || weekday === 6)) at += (weekdaySlot - (weekday === 6 ? 6 : 7)) * DAY;
  return Math.round(at > now - HOUR ? exact : at);
}

/** A time between `from` and now: `share` of the way there. */
export function towardsNow(from: number, now: number, share: number): number {
  return Math.round(from + Math.max(0, now - from) * share);
}
