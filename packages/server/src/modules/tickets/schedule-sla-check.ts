import type { Tx } from '../../db/connect.js';
import type { TicketRow } from '../../db/types.js';
import { enqueueJob } from '../../jobs/enqueue-job.js';
import { businessCalendarOf, type TicketSlaResult } from '../sla/index.js';
import { slaCheckJob } from './sla-timer-jobs.js';
import { slaStagesOf } from './sla-stages.js';
import { markKey, slaCheckKey, slaMarksOf } from './sla-timers-repo.js';

type ScheduledTicket = Pick<TicketRow, 'id' | 'is_open' | 'status' | 'pending_reason' | 'next_update_at'>;

// A stage whose instant has passed but which the replay does not yet hold (its calendar
// closed at the due instant) is looked at again after this long, not in a tight loop.
const NOT_YET_RETRY_MS = 60_000;

/**
 * Schedules the ticket's next SLA check in the caller's transaction (decision 0020): one
 * job at the earliest stage still ahead, keyed by ticket and the instant it is about, so
 * writes that leave that instant alone add nothing. A stage already reached that no check
 * has recorded (the replay moved it into the past) gets a check right away. Closed,
 * resolved and policy-less tickets schedule nothing; a job left from an earlier state
 * finds nothing to do when it runs.
 */
export async function scheduleSlaCheck(tx: Tx, ticket: ScheduledTicket, sla: TicketSlaResult | null, now: number): Promise<void> {
  if (!sla || ticket.is_open !== 1) return;
  const stages = slaStagesOf(ticket, sla.state, businessCalendarOf(sla.policy.calendar), now);
  let next: { key: number; runAt: number } | null = null;
  let reachedCount = 0;
  for (const s of stages) {
    if (s.reached) {
      reachedCount++;
      continue;
    }
    const ahead = s.at > now;
    const runAt = ahead ? s.at : now + NOT_YET_RETRY_MS;
    // Breaches and silence are keyed by their due instant, the key the sweep looks for; a
    // retry gets its own key, since the check that found the stage not yet held has that one.
    const key = !ahead ? runAt : s.stage === 'warning' ? s.at : s.dueAt;
    if (next === null || runAt < next.runAt) next = { key, runAt };
  }
  if (next) await enqueueJob(tx, { kind: slaCheckJob, payload: { ticketId: ticket.id }, runAt: next.runAt, dedupeKey: slaCheckKey(ticket.id, next.key), now });
  if (reachedCount === 0) return;
  // Only tickets at risk pay for this read; most writes have nothing reached.
  const marks = await slaMarksOf(tx, ticket.id);
  if (stages.some((s) => s.reached && !marks.has(markKey(s.target, s.stage, s.dueAt)))) {
    await enqueueJob(tx, { kind: slaCheckJob, payload: { ticketId: ticket.id }, runAt: now, dedupeKey: slaCheckKey(ticket.id, now), now });
  }
}
