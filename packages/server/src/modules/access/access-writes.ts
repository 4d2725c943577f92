import {
  type AccessRequest,
  type AccessRequestEvent,
  type AccessRequestState,
  type AuditEntry,
  METHOD_LABELS,
  needsApproval,
  nextStates,
  transition,
} from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import type { DirectoryPersonRow, TicketRow } from '../../db/types.js';
import { conflict, notFound, staleVersion } from '../../errors.js';
import { appendAuditEntry } from '../audit/index.js';
import { type Actor, requireRecentMfa } from '../identity/index.js';
import { can } from '../tickets/index.js';
import { findStoredAccessRequest, saveAtVersion, type StoredAccessRequest, toAccessRequest } from './access-repo.js';

/** What every access use case receives besides its own input. */
export interface AccessContext {
  tx: Tx;
  actor: Actor;
  now: number;
  sourceIp: string | null;
  /** The version the caller last saw (If-Match); a different one is 412. */
  expectedVersion?: number;
  /** Who moved the request in the audit's `after.by` when it is not a person: a job of the desk (`desk:<job>`). */
  by?: string;
}

/** A request loaded for an act, with its ticket and target of record. */
export interface LoadedAccessRequest extends StoredAccessRequest {
  ticket: TicketRow;
  target: DirectoryPersonRow;
  request: AccessRequest;
}

/** Staff who work the ticket; anyone else (requesters included) is told the request does not exist. */
export async function loadAccessRequestFor(q: Db | Tx, actor: Actor, id: string, expectedVersion?: number): Promise<LoadedAccessRequest> {
  const stored = await findStoredAccessRequest(q, id);
  if (!stored) throw notFound('access request');
  const ticket = await q.selectFrom('tickets').selectAll().where('id', '=', stored.row.ticket_id).executeTakeFirst();
  if (!ticket || !can(actor, 'update', ticket)) throw notFound('access request');
  if (expectedVersion !== undefined && expectedVersion !== stored.row.version) throw staleVersion(stored.row.version, 'access request');
  const target = await q.selectFrom('directory_people').selectAll().where('id', '=', stored.row.target_person_id).executeTakeFirstOrThrow();
  return { ...stored, ticket, target, request: toAccessRequest(stored) };
}

/** Loads the request for an identity act: working the ticket, and a session that recently passed two-factor sign-in. */
export async function loadForAct(c: AccessContext, id: string): Promise<LoadedAccessRequest> {
  const loaded = await loadAccessRequestFor(c.tx, c.actor, id, c.expectedVersion);
  await requireRecentMfa(c.tx, c.actor, { now: c.now });
  return loaded;
}

/** The states the request may take next, from the pure machine. */
export function allowedNext(request: AccessRequest): readonly AccessRequestState[] {
  return nextStates(request.state, needsApproval(request.requirements));
}

/** Applies one event with the pure machine, or answers 409 with its reason, what is missing and the allowed next states. */
export function decide(request: AccessRequest, event: AccessRequestEvent, now: number): AccessRequest {
  const result = transition(request, event, now);
  if (result.ok) return result.request;
  const { reason, missing, allowed } = result.refusal;
  const detail = missing.length > 0 && !missing.includes(reason) ? `${reason}: ${missing.join('; ')}` : reason;
  throw conflict(detail, allowed);
}

/** Saves the new request at the version read and appends its audit entry in the same transaction. */
export async function commitStep(c: AccessContext, loaded: LoadedAccessRequest, next: AccessRequest, after: Record<string, string | boolean | null> = {}): Promise<number> {
  const version = await saveAtVersion(c.tx, loaded.row, next, c.now, allowedNext(loaded.request));
  await appendAuditEntry(c.tx, await auditEntryFor(c, loaded, next, after));
  return version;
}

/** The audit entry for a move; `c.by`, else `c.actor.id`, is written as `after.by` unless `after` names another `by`. */
export async function auditEntryFor(
  c: Pick<AccessContext, 'tx' | 'now' | 'sourceIp' | 'by'> & { actor: { id: number } },
  loaded: LoadedAccessRequest,
  next: AccessRequest,
  after: Record<string, string | boolean | null>,
): Promise<Omit<AuditEntry, 'v' | 'occurredAt'> & { occurredAt: number }> {
  const partyFor = async (userId: number) => {
    const user = await c.tx
      .selectFrom('users')
      .leftJoin('directory_people', 'directory_people.id', 'users.directory_id')
      .select(['users.name', 'directory_people.immutable_id'])
      .where('users.id', '=', userId)
      .executeTakeFirstOrThrow();
    return { userId, directoryId: user.immutable_id ?? null, name: user.name };
  };
  const verifications = [];
  for (const v of loaded.verifications.filter((x) => x.verified_at !== null)) {
    const ids = JSON.parse(v.verifier_ids) as number[];
    verifications.push({
      method: v.method as keyof typeof METHOD_LABELS,
      verifiedBy: await Promise.all(ids.map(partyFor)),
      evidence: v.evidence,
    });
  }
  return {
    action: loaded.request.action.type,
    outcome: next.state,
    requestId: loaded.row.id,
    ticketId: loaded.row.ticket_id,
    actor: await partyFor(loaded.row.requester_id),
    verifications: verifications.slice(-8),
    approvers: await Promise.all(loaded.approvals.map((a) => partyFor(a.approver_id))),
    target: { directoryId: loaded.target.immutable_id, displayName: loaded.target.name },
    before: { state: loaded.request.state },
    after: { state: next.state, by: c.by ?? `desk:${c.actor.id}`, ...after },
    sourceIp: c.sourceIp,
    occurredAt: c.now,
  };
}
