import type { Verification } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import { forbidden, notFound } from '../../errors.js';
import { appendAuditEntry } from '../audit/index.js';
import { type Actor, hasActiveTotp, requireRecentMfa } from '../identity/index.js';
import { findStoredAccessRequest, partyOf, saveAtVersion, toAccessRequest } from './access-repo.js';
import { type AccessContext, allowedNext, auditEntryFor, commitStep, decide, type LoadedAccessRequest } from './access-writes.js';
import { actionInWords } from './action-words.js';

const OPEN = ['requested', 'verified', 'approved'] as const;

export interface ManagerApprovalItem {
  requestId: string;
  actionInWords: string;
  targetName: string;
  requestedBy: string;
  ticketNumber: string;
  askedAt: number;
  expiresAt: number;
}

/** The requests waiting for the signed-in person as the directory's manager of their target; filtered in the query. */
export async function listManagerApprovals(q: Db | Tx, actor: Actor, now: number): Promise<ManagerApprovalItem[]> {
  const party = await partyOf(q, actor.id);
  if (party.startsWith('desk:')) return [];
  const rows = await q
    .selectFrom('access_verifications as v')
    .innerJoin('access_requests as r', 'r.id', 'v.request_id')
    .innerJoin('directory_people as t', 't.id', 'r.target_person_id')
    .innerJoin('users as agent', 'agent.id', 'r.requester_id')
    .innerJoin('tickets', 'tickets.id', 'r.ticket_id')
    .select(['r.id', 'r.action_type', 't.name as target_name', 'agent.name as agent_name', 'tickets.number', 'v.created_at', 'r.expires_at'])
    .where('v.method', '=', 'manager_approval')
    .where('v.verified_at', 'is', null)
    .where('r.state', 'in', [...OPEN])
    .where('r.expires_at', '>', now)
    .where('t.manager_immutable_id', '=', party)
    .orderBy('v.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    requestId: r.id, actionInWords: actionInWords(r.action_type, 'their'), targetName: r.target_name, requestedBy: r.agent_name,
    ticketNumber: r.number, askedAt: r.created_at, expiresAt: r.expires_at,
  }));
}

/**
 * The manager's answer in their own session. Only the target's manager of record at this moment
 * may answer (anyone else is told the request does not exist); an API token cannot, and a manager
 * who turned on two-factor sign-in must have passed it recently. Approve: a manager_approval
 * verification bound to this request, target and action. Decline: the request is refused.
 */
export async function answerManagerApproval(c: AccessContext, id: string, answer: 'approve' | 'decline'): Promise<void> {
  if (c.actor.scopes !== null) throw forbidden("A manager's approval is given in their own signed-in session; API tokens cannot give it");
  const stored = await findStoredAccessRequest(c.tx, id);
  if (!stored) throw notFound('approval');
  const party = await partyOf(c.tx, c.actor.id);
  const target = await c.tx.selectFrom('directory_people').selectAll().where('id', '=', stored.row.target_person_id).executeTakeFirstOrThrow();
  const pending = stored.verifications.find((v) => v.method === 'manager_approval' && v.verified_at === null);
  if (!pending || party.startsWith('desk:') || target.manager_immutable_id !== party) throw notFound('approval');
  if (!(OPEN as readonly string[]).includes(stored.row.state) || c.now >= stored.row.expires_at) throw notFound('approval');
  if (await hasActiveTotp(c.tx, c.actor.id)) await requireRecentMfa(c.tx, c.actor, { now: c.now });

  const ticket = await c.tx.selectFrom('tickets').selectAll().where('id', '=', stored.row.ticket_id).executeTakeFirstOrThrow();
  const request = toAccessRequest(stored);
  const loaded: LoadedAccessRequest = { ...stored, ticket, target, request };
  const me = await c.tx.selectFrom('users').select('name').where('id', '=', c.actor.id).executeTakeFirstOrThrow();
  if (answer === 'decline') {
    const next = decide(request, { type: 'refuse', byId: party, reason: `${me.name}, the manager of record, declined the request in their own session` }, c.now);
    await c.tx.updateTable('access_verifications').set({ evidence: `${me.name}, the manager of record, declined in their own session` }).where('id', '=', pending.id).execute();
    await saveAtVersion(c.tx, stored.row, next, c.now, allowedNext(request));
    await appendAuditEntry(c.tx, await auditEntryFor(c, loaded, next, { answer: 'decline', by: `person:${party}` }));
    return;
  }
  const verification: Verification = {
    id: pending.id, requestId: request.id, targetId: target.immutable_id, action: request.action.type, verifiedAt: c.now,
    method: 'manager_approval', approverId: party, directoryManagerId: target.manager_immutable_id,
  };
  const next = decide(request, { type: 'verify', verification }, c.now);
  const confirmed = {
    ...pending, verified_at: c.now, expires_at: c.now + request.requirements.verificationFreshMinutes * 60_000,
    facts: JSON.stringify({ approverId: party, directoryManagerId: target.manager_immutable_id }),
    evidence: `${me.name}, the manager of record, approved in their own signed-in session`,
    verifier_ids: JSON.stringify([c.actor.id]),
  };
  const updated = await c.tx.updateTable('access_verifications')
    .set({ verified_at: confirmed.verified_at, expires_at: confirmed.expires_at, facts: confirmed.facts, evidence: confirmed.evidence, verifier_ids: confirmed.verifier_ids })
    .where('id', '=', pending.id).where('verified_at', 'is', null).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw notFound('approval');
  await commitStep(c, { ...loaded, verifications: [...stored.verifications.filter((v) => v.id !== pending.id), confirmed] }, next, { verified: 'manager_approval', by: `person:${party}` });
}
