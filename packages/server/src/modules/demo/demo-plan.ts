import type { Level, PendingReason, Priority, TicketType } from '@deskside/shared';
import type { TicketChannel } from '../tickets/index.js';
import type { DemoGroup } from './demo-people.js';
import type { StoryFix } from './demo-story.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** One thing that happens to a ticket, by a person named in the demo directory. */
export type PlanStep =
  | { kind: 'override'; by: string; priority: Priority; reason: string }
  | { kind: 'take'; by: string }
  | { kind: 'ack'; by: string; restatement: string; promiseAt: number }
  | { kind: 'start'; by: string }
  | { kind: 'note'; by: string; body: string }
  | { kind: 'reply'; by: string; body: string; promiseAt?: number }
  | { kind: 'assign'; by: string; group: DemoGroup; to?: string; note: string }
  | { kind: 'accept'; by: string }
  | { kind: 'pend'; by: string; reason: PendingReason; note: string }
  | { kind: 'restore'; by: string; workaround: string }
  | { kind: 'resolve'; by: string; fix: StoryFix }
  | { kind: 'reopen'; by: string; reason: string }
  | { kind: 'confirm'; by: string };

export type TimedStep = PlanStep & { at: number };

/** A ticket's whole life, decided before anything is written, so writing it involves no chance. */
export interface TicketPlan {
  type: TicketType;
  subject: string;
  description: string;
  impact: Level;
  urgency: Level;
  category?: string;
  channel: TicketChannel;
  requester: string;
  /** Who typed it in: the requester, or an agent taking a call. */
  createdBy: string;
  /** The owning group at creation; the intake group when absent. */
  group?: DemoGroup;
  createdAt: number;
  steps: TimedStep[];
}

/** A step still to be placed on the clock: `gap` minutes after the previous one. */
export type DraftStep = PlanStep & { gap: number };

/**
 * Places drafted steps after `start`, squeezing the gaps proportionally when
 * they would run past `limit`, so every step lands in the past and in order.
 */
export function layout(start: number, drafts: readonly DraftStep[], limit: number): TimedStep[] {
  const total = drafts.reduce((sum, d) => sum + d.gap * MINUTE, 0);
  const room = Math.max(limit - start, drafts.length * 1000);
  const scale = total > room ? room / total : 1;
  let at = start;
  return drafts.map(({ gap, ...step }) => {
    at += Math.max(1000, Math.round(gap * MINUTE * scale));
    return { ...step, at } as TimedStep;
  });
}
