import type { UpdateSlaPolicyBody } from '@deskside/shared';
import type { Updateable } from 'kysely';
import type { Tx } from '../../db/connect.js';
import type { SlaPoliciesTable } from '../../db/types.js';
import { conflict, invalid, notFound, staleVersion } from '../../errors.js';
import { findCalendarRow } from './calendars-repo.js';
import { presentSlaPolicy } from './present-sla.js';
import { recomputeQueueDue } from './refresh-queue-due.js';
import { clearDefaultPolicy, findPolicyByName, findPolicyRow, updatePolicyAtVersion } from './sla-policies-repo.js';

/**
 * Changes a policy, guarded by the version the admin saw. The policy applies to the whole
 * history of its tickets (decision 0017), so their open tickets are re-keyed for the queue
 * in the same transaction; conditions and position only steer tickets opened later.
 */
export async function updateSlaPolicy(tx: Tx, id: number, input: UpdateSlaPolicyBody, expectedVersion: number | undefined, now: number) {
  const row = await findPolicyRow(tx, id);
  if (!row) throw notFound('SLA policy');
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw staleVersion(row.version, 'SLA policy');
  if (input.name !== undefined && input.name !== row.name && (await findPolicyByName(tx, input.name))) {
    throw conflict(`A policy named "${input.name}" exists already`);
  }
  if (input.calendarId !== undefined && !(await findCalendarRow(tx, input.calendarId))) {
    throw invalid('calendarId', `calendar ${input.calendarId} does not exist`);
  }
  const changes: Updateable<SlaPoliciesTable> = { updated_at: now };
  if (input.name !== undefined) changes.name = input.name;
  if (input.calendarId !== undefined) changes.calendar_id = input.calendarId;
  if (input.targets !== undefined) changes.targets = JSON.stringify(input.targets);
  if (input.pausedPendingReasons !== undefined) changes.paused_pending_reasons = JSON.stringify(input.pausedPendingReasons);
  if (input.warnAtFraction !== undefined) changes.warn_at_fraction = input.warnAtFraction;
  if (input.conditions !== undefined) changes.conditions = JSON.stringify(input.conditions);
  if (input.escalation !== undefined) changes.escalation = JSON.stringify(input.escalation);
  if (input.position !== undefined) changes.position = input.position;
  const becomesDefault = input.isDefault === true && row.is_default !== 1;
  let version = row.version;
  if (becomesDefault) {
    await clearDefaultPolicy(tx, now);
    changes.is_default = 1;
    // Clearing the flag bumped every default's version, this one's too if it was the default.
    version = (await findPolicyRow(tx, id))!.version;
  }
  if (!(await updatePolicyAtVersion(tx, id, version, changes))) {
    throw staleVersion((await findPolicyRow(tx, id))?.version ?? row.version, 'SLA policy');
  }
  const rejudged = input.targets !== undefined || input.calendarId !== undefined || input.pausedPendingReasons !== undefined || input.warnAtFraction !== undefined;
  if (rejudged || becomesDefault) await recomputeQueueDue(tx, rejudged ? [id] : [], becomesDefault || row.is_default === 1, now);
  return presentSlaPolicy((await findPolicyRow(tx, id))!);
}
