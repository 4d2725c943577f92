import { addBusinessTime } from '../calendar/index.js';
import type { BusinessCalendar } from '../calendar/index.js';
import type { ClockTrack } from './clock-track.js';

export type SlaClockState = 'running' | 'paused' | 'met' | 'breached' | 'not_applicable';

/** One SLA target of a ticket as of `now`. Durations are business ms; instants are epoch ms. */
export interface SlaClock {
  state: SlaClockState;
  /** The target of the priority in force (when stopped: in force when it stopped); null when not applicable. */
  targetMs: number | null;
  /** Business time counted, paused time excluded. */
  elapsedMs: number;
  /** Target minus elapsed; negative when overdue; null when not applicable. */
  remainingMs: number | null;
  /** When a running clock is due (in the past when overdue); null when paused, stopped or not applicable. */
  dueAt: number | null;
  /** When the warning share of the target was or will be reached; null when unknown (paused) or not applicable. */
  warnAt: number | null;
  warned: boolean;
  /** The instant the clock used up its target (it was overdue from then on); null unless breached. */
  breachedAt: number | null;
  breachedByMs: number | null;
  /** When the clock stopped (met, or met late); null while it still runs or pauses. */
  stoppedAt: number | null;
}

export interface SlaState {
  firstResponse: SlaClock;
  /** The current cycle of the update cadence (the last one once the ticket is resolved). */
  nextUpdate: SlaClock;
  restore: SlaClock;
  resolve: SlaClock;
  /** Cadence cycles, the current one included, that went past their target. */
  missedUpdates: number;
}

/** Reads a replayed clock at `now`. */
export function clockAt(track: ClockTrack, applicable: boolean, calendar: BusinessCalendar, now: number): SlaClock {
  const target = track.targetMs;
  const elapsedMs = track.elapsed;
  if (!applicable || target === null) return notApplicable(elapsedMs);
  const remainingMs = target - elapsedMs;
  const breached = remainingMs < 0;
  const running = track.counting && !track.settled;
  const warnMs = track.warnMs ?? target;
  let warnAt = track.warnAt;
  if (warnAt === null && running) warnAt = addBusinessTime(calendar, now, Math.max(0, warnMs - elapsedMs));
  return {
    state: breached ? 'breached' : track.settled ? 'met' : running ? 'running' : 'paused',
    targetMs: target,
    elapsedMs,
    remainingMs,
    dueAt: running ? (remainingMs > 0 ? addBusinessTime(calendar, now, remainingMs) : track.reachedAt) : null,
    warnAt,
    warned: elapsedMs >= warnMs,
    breachedAt: breached ? track.reachedAt : null,
    breachedByMs: breached ? -remainingMs : null,
    stoppedAt: track.settled ? track.stoppedAt : null,
  };
}

export function notApplicable(elapsedMs = 0): SlaClock {
  return {
    state: 'not_applicable',
    targetMs: null,
    elapsedMs,
    remainingMs: null,
    dueAt: null,
    warnAt: null,
    warned: false,
    breachedAt: null,
    breachedByMs: null,
    stoppedAt: null,
  };
}
