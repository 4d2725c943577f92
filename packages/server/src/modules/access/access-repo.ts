import type { AccessAction, AccessRequest, AgentActionRecord, AccessRequestState, Approval, GateRequirements, Verification } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import type { AccessApprovalRow, AccessRequestRow, AccessVerificationRow } from '../../db/types.js';
import { conflict } from '../../errors.js';

/** Everything stored about one request, read in one transaction. */
export interface StoredAccessRequest {
  row: AccessRequestRow;
  verifications: AccessVerificationRow[];
  approvals: AccessApprovalRow[];
  /** Approver desk ids mapped to the parties the gate compares. */
  approverParties: Map<number, string>;
}

/** The desk person as the gate compares parties: their directory id when linked, else desk:<id>. */
export async function partyOf(q: Db | Tx, userId: number): Promise<string> {
  const linked = await q
    .selectFrom('users')
    .leftJoin('directory_people', 'directory_people.id', 'users.directory_id')
    .select('directory_people.immutable_id')
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return linked?.immutable_id ?? `desk:${userId}`;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The agent's identity actions executed or in flight in the last day, as the velocity check reads
 * them (it counts the last hour and the privileged ones itself). Refused and expired ones never wrote.
 */
export async function agentHistory(q: Db | Tx, agentId: number, now: number): Promise<AgentActionRecord[]> {
  const rows = await q
    .selectFrom('access_requests')
    .select(['created_at', 'target_tier'])
    .where('requester_id', '=', agentId)
    .where('created_at', '>', now - DAY)
    .where('state', 'not in', ['refused', 'expired'])
    .execute();
  return rows.map((row) => ({ agentId: String(agentId), at: row.created_at, targetTier: row.target_tier as AgentActionRecord['targetTier'] }));
}

export async function findStoredAccessRequest(q: Db | Tx, id: string): Promise<StoredAccessRequest | null> {
  const row = await q.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const verifications = await q.selectFrom('access_verifications').selectAll().where('request_id', '=', id).orderBy('created_at').execute();
  const approvals = await q.selectFrom('access_approvals').selectAll().where('request_id', '=', id).orderBy('id').execute();
  const approverParties = new Map<number, string>();
  for (const a of approvals) approverParties.set(a.approver_id, await partyOf(q, a.approver_id));
  return { row, verifications, approvals, approverParties };
}

/** A stored verification as the pure check reads it; pending in-person checks are not evidence yet. */
export function toVerification(v: AccessVerificationRow): Verification | null {
  if (v.verified_at === null) return null;
  const binding = { id: v.id, requestId: v.request_id, targetId: v.target_immutable_id, action: v.action_type as Verification['action'], verifiedAt: v.verified_at };
  // The method is read from storage as it is: an unknown one reaches checkVerification, which never counts it.
  return { ...binding, method: v.method, ...(JSON.parse(v.facts) as object) } as Verification;
}

/** The stored request as the pure state machine sees it. */
export function toAccessRequest(stored: StoredAccessRequest): AccessRequest {
  const { row } = stored;
  const approvals: Approval[] = stored.approvals.map((a) => ({ approverId: stored.approverParties.get(a.approver_id)!, at: a.at, securityReviewer: a.security_reviewer === 1 }));
  return {
    id: row.id,
    action: JSON.parse(row.action) as AccessAction,
    targetId: row.target_immutable_id,
    requesterId: row.requester_party,
    targetTier: row.target_tier,
    requirements: JSON.parse(row.requirements) as GateRequirements,
    state: row.state as AccessRequestState,
    evidence: {
      verifications: stored.verifications.map(toVerification).filter((v): v is Verification => v !== null),
      approvals,
      breakGlassReason: row.break_glass_reason,
    },
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    executionAttempts: row.execution_attempts,
    executedAt: row.executed_at,
    notifiedAt: row.notified_at,
    lastReason: row.outcome_detail,
  };
}

/**
 * Writes the state machine's new request over the row the caller read, only if nobody moved
 * it meanwhile: of two concurrent moves, the second finds the version changed and gets a 409.
 */
export async function saveAtVersion(tx: Tx, row: AccessRequestRow, next: AccessRequest, now: number, allowed: readonly string[]): Promise<number> {
  const result = await tx
    .updateTable('access_requests')
    .set({
      state: next.state,
      version: row.version + 1,
      execution_attempts: next.executionAttempts,
      executed_at: next.executedAt,
      notified_at: next.notifiedAt,
      outcome_detail: next.lastReason,
      updated_at: now,
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw conflict('Someone else moved this request at the same moment; reload it to see where it is now', allowed);
  }
  return row.version + 1;
}
