import { findGroupByName } from '../identity/index.js';
import { partyOf } from './access-repo.js';
import { SECURITY_GROUP } from './alert-security.js';
import { type AccessContext, commitStep, decide, loadForAct } from './access-writes.js';


/**
 * An approval in the approver's own session; the pure machine refuses the requester, the target
 * and repeats. A member of the Security group approves as a security reviewer, recorded as given.
 */
export async function approveAccessRequest(c: AccessContext, id: string): Promise<void> {
  const loaded = await loadForAct(c, id);
  const approverId = await partyOf(c.tx, c.actor.id);
  const security = await findGroupByName(c.tx, SECURITY_GROUP);
  const securityReviewer = security !== undefined && c.actor.groupIds.includes(security.id);
  const next = decide(loaded.request, { type: 'approve', approverId, securityReviewer }, c.now);
  const row = { request_id: loaded.row.id, approver_id: c.actor.id, at: c.now, security_reviewer: securityReviewer ? 1 : 0 };
  const inserted = await c.tx.insertInto('access_approvals').values(row).returning('id').executeTakeFirstOrThrow();
  await commitStep(c, { ...loaded, approvals: [...loaded.approvals, { ...row, id: inserted.id }] }, next, { approved: true });
}
