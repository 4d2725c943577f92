import { randomUUID } from 'node:crypto';
import type { Verification } from '@deskside/shared';
import { conflict } from '../../errors.js';
import { partyOf } from './access-repo.js';
import { type AccessContext, commitStep, decide, loadForAct } from './access-writes.js';

/**
 * An in-person ID check takes two agents: the first call records the attestation and waits;
 * a second, different agent confirms it in their own session, and only then is it evidence.
 */
export async function recordInPersonVerification(c: AccessContext, id: string, document: string): Promise<'waiting_for_second_agent' | 'verified'> {
  const loaded = await loadForAct(c, id);
  const { request, target } = loaded;
  const pending = loaded.verifications.find((v) => v.method === 'in_person_id' && v.verified_at === null);
  if (!pending) {
    // Nothing is evidence yet, so the state does not move; the pure check still runs on confirmation.
    const allowed = ['requested', 'verified', 'approved'];
    if (!allowed.includes(request.state)) throw conflict(`A request that is ${request.state.replace('_', ' ')} takes no more verifications`, []);
    await c.tx
      .insertInto('access_verifications')
      .values({
        id: randomUUID(), request_id: request.id, method: 'in_person_id', verifier_ids: JSON.stringify([c.actor.id]),
        evidence: `Saw the person and their ${document}`, facts: '{}', target_immutable_id: target.immutable_id,
        action_type: request.action.type, verified_at: null, expires_at: null, created_at: c.now,
      })
      .execute();
    return 'waiting_for_second_agent';
  }
  const [firstId] = JSON.parse(pending.verifier_ids) as number[];
  if (firstId === c.actor.id) throw conflict('A second, different agent must confirm the in-person check in their own session', []);
  const attesterIds: [string, string] = [await partyOf(c.tx, firstId!), await partyOf(c.tx, c.actor.id)];
  const verification: Verification = {
    id: pending.id, requestId: request.id, targetId: pending.target_immutable_id, action: request.action.type,
    verifiedAt: c.now, method: 'in_person_id', attesterIds,
  };
  const next = decide(request, { type: 'verify', verification }, c.now);
  const confirmed = {
    ...pending, verifier_ids: JSON.stringify([firstId, c.actor.id]), facts: JSON.stringify({ attesterIds }),
    evidence: `${pending.evidence}; confirmed by a second agent`, verified_at: c.now,
    expires_at: c.now + request.requirements.verificationFreshMinutes * 60_000,
  };
  await c.tx
    .updateTable('access_verifications')
    .set({ verifier_ids: confirmed.verifier_ids, facts: confirmed.facts, evidence: confirmed.evidence, verified_at: c.now, expires_at: confirmed.expires_at })
    .where('id', '=', pending.id)
    .where('verified_at', 'is', null)
    .execute();
  const others = loaded.verifications.filter((v) => v.id !== pending.id);
  await commitStep(c, { ...loaded, verifications: [...others, confirmed] }, next, { verified: 'in_person_id' });
  return 'verified';
}
