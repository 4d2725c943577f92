import { addBusinessTime } from '../calendar/index.js';
import type { BusinessCalendar } from '../calendar/index.js';

/**
 * One clock during a replay: business time counted so far and the instants its warning
 * and target were crossed. Mutable on purpose: the replay runs for every open ticket of
 * a desk, so it keeps four of these and no per-event objects.
 */
export class ClockTrack {
  elapsed = 0;
  targetMs: number | null = null;
  warnMs: number | null = null;
  /** Counting business time now (started, not stopped, not paused). */
  counting = false;
  /** Stopped: met, or the ticket is no longer open. */
  settled = false;
  stoppedAt: number | null = null;
  warnAt: number | null = null;
  /** When elapsed reached the target: the due instant once it has passed, and the breach from then on. */
  reachedAt: number | null = null;

  constructor(private readonly calendar: BusinessCalendar, private readonly warnFraction: number) {}

  /**
   * A new target applies from `at` (creation, priority change, restart). Elapsed time is
   * kept, so a raised priority whose target is already used up is breached at that very
   * instant, and a lowered one may lift a breach while the clock still runs.
   */
  setTarget(targetMs: number | null, at: number): void {
    this.targetMs = targetMs;
    this.warnMs = targetMs === null ? null : Math.floor(targetMs * this.warnFraction);
    this.recheck(at);
  }

  /** Starts the count again from zero at `at` (the next-update cadence). */
  restart(at: number): void {
    this.elapsed = 0;
    this.warnAt = null;
    this.reachedAt = null;
    this.recheck(at);
  }

  /** Moves to a new phase at `at`; a clock that comes back from stopped takes the target in force now. */
  update(at: number, settled: boolean, counting: boolean, currentTargetMs: number | null): void {
    if (settled && !this.settled) this.stoppedAt = at;
    if (!settled && this.settled) {
      this.stoppedAt = null;
      this.settled = false;
      this.setTarget(currentTargetMs, at);
    }
    this.settled = settled;
    this.counting = counting && !settled;
  }

  /** Adds `business` ms of business time that elapsed from `from` on, noting crossings inside it. */
  advance(from: number, business: number): void {
    if (!this.counting || business <= 0) return;
    const before = this.elapsed;
    this.elapsed = before + business;
    if (this.warnMs !== null && this.warnAt === null && this.elapsed >= this.warnMs) {
      this.warnAt = addBusinessTime(this.calendar, from, Math.max(0, this.warnMs - before));
    }
    if (this.targetMs !== null && this.reachedAt === null && this.elapsed >= this.targetMs) {
      this.reachedAt = addBusinessTime(this.calendar, from, Math.max(0, this.targetMs - before));
    }
  }

  private recheck(at: number): void {
    if (this.targetMs === null || this.warnMs === null) {
      this.warnAt = null;
      this.reachedAt = null;
      return;
    }
    if (this.elapsed >= this.targetMs) this.reachedAt ??= at;
    else this.reachedAt = null;
    if (this.elapsed >= this.warnMs) this.warnAt ??= at;
    else this.warnAt = null;
  }
}
