import type { CreateSlaPolicyBody } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { conflict, invalid } from '../../errors.js';
import { findCalendarRow } from './calendars-repo.js';
import { presentSlaPolicy } from './present-sla.js';
import { recomputeQueueDue } from './refresh-queue-due.js';
import { clearDefaultPolicy, findPolicyByName, findPolicyRow, insertPolicy, nextPolicyPosition } from './sla-policies-repo.js';

/**
 * Adds a policy. It applies to tickets opened from now on whose conditions it matches first;
 * made the default, it also takes over the tickets that have no policy of their own.
 */
export async function createSlaPolicy(tx: Tx, input: CreateSlaPolicyBody, now: number) {
  if (await findPolicyByName(tx, input.name)) throw conflict(`A policy named "${input.name}" exists already`);
  if (!(await findCalendarRow(tx, input.calendarId))) throw invalid('calendarId', `calendar ${input.calendarId} does not exist`);
  if (input.isDefault) await clearDefaultPolicy(tx, now);
  const row = await insertPolicy(tx, {
    name: input.name,
    calendar_id: input.calendarId,
    targets: JSON.stringify(input.targets),
    paused_pending_reasons: JSON.stringify(input.pausedPendingReasons),
    warn_at_fraction: input.warnAtFraction,
    conditions: JSON.stringify(input.conditions),
    escalation: JSON.stringify(input.escalation ?? {}),
    position: input.position ?? (await nextPolicyPosition(tx)),
    is_default: input.isDefault ? 1 : 0,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  if (input.isDefault) await recomputeQueueDue(tx, [], true, now);
  return presentSlaPolicy((await findPolicyRow(tx, row.id))!);
}
