import { partyOf } from './access-repo.js';
import { type AccessContext, commitStep, decide, loadForAct } from './access-writes.js';

/** An approval in the approver's own session; the pure machine refuses the requester, the target and repeats. */
export async function approveAccessRequest(c: AccessContext, id: string): Promise<void> {
  const loaded = await loadForAct(c, id);
  const approverId = await partyOf(c.tx, c.actor.id);
  const next = decide(loaded.request, { type: 'approve', approverId, securityReviewer: false }, c.now);
  const row = { request_id: loaded.row.id, approver_id: c.actor.id, at: c.now };
  const inserted = await c.tx.insertInto('access_approvals').values(row).returning('id').executeTakeFirstOrThrow();
  await commitStep(c, { ...loaded, approvals: [...loaded.approvals, { ...row, id: inserted.id }] }, next, { approved: true });
}
