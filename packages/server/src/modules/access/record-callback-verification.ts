import { randomUUID } from 'node:crypto';
import type { Verification } from '@deskside/shared';
import { conflict } from '../../errors.js';
import { type AccessContext, commitStep, decide, loadForAct } from './access-writes.js';

/**
 * Records that the agent called the target back on the phone of record and reached them.
 * The number is the directory's, read here; a caller cannot supply another one, and a number
 * changed within the policy's quiet period does not count (the pure check refuses it).
 */
export async function recordCallbackVerification(c: AccessContext, id: string): Promise<void> {
  const loaded = await loadForAct(c, id);
  const { target, request } = loaded;
  if (target.phone === null) throw conflict('The directory has no phone number of record for this person, so a callback is not possible', []);
  const verification: Verification = {
    id: randomUUID(), requestId: request.id, targetId: target.immutable_id, action: request.action.type, verifiedAt: c.now,
    method: 'callback_of_record', phoneOwnerId: target.immutable_id, phoneOfRecordChangedAt: target.phone_changed_at,
  };
  const next = decide(request, { type: 'verify', verification }, c.now);
  const freshMs = request.requirements.verificationFreshMinutes * 60_000;
  const row = {
    id: verification.id, request_id: request.id, method: verification.method, verifier_ids: JSON.stringify([c.actor.id]),
    evidence: `Called back the phone number of record (last changed ${new Date(target.phone_changed_at).toISOString().slice(0, 10)}) and reached the person`,
    facts: JSON.stringify({ phoneOwnerId: verification.phoneOwnerId, phoneOfRecordChangedAt: verification.phoneOfRecordChangedAt }),
    target_immutable_id: verification.targetId, action_type: verification.action, verified_at: c.now, expires_at: c.now + freshMs, created_at: c.now,
  };
  await c.tx.insertInto('access_verifications').values(row).execute();
  await commitStep(c, { ...loaded, verifications: [...loaded.verifications, row] }, next, { verified: 'callback_of_record' });
}
