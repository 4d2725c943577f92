import type { Logger } from 'pino';
import type { Db, Tx } from '../../db/connect.js';
import type { TimedMembershipRow } from '../../db/types.js';
import { appendAuditEntry } from '../audit/index.js';
import { type DirectoryConnector, DirectoryOutcomeUnknownError } from '../directory/index.js';
import { connectorFor, findDirectoryConnection } from '../directory-sync/index.js';
import type { MailOrigin } from '../mail/index.js';
import { findStoredAccessRequest, toAccessRequest } from './access-repo.js';
import { auditEntryFor, type LoadedAccessRequest } from './access-writes.js';
import { alertStuckMembership } from './alert-stuck-membership.js';
import { groupLabel, utcWords } from './group-action-of.js';
import { queueAccountNotices } from './notify-executed.js';
import { claimGrant, dueGrantIds, finishGrant, releaseGrant } from './timed-memberships-repo.js';

/** Grants handled per run; the next run (a minute later) takes the rest. */
const BATCH = 100;

export interface ExpiryDeps {
  db: Db;
  secretKey: string | undefined;
  log: Logger;
  origin: MailOrigin;
}

export interface ExpiryOutcome {
  removed: number;
  alreadyRemoved: number;
  failed: number;
}

type Ending = 'removed' | 'already_removed';

/**
 * Removes the time-bound memberships whose end has come (decision 0039). Each due grant is
 * claimed first (of two runs or nodes, one wins), the directory is read, and the membership is
 * removed only if it is still there; a lost reply is read back. The end is recorded with its audit
 * entry and the notices to the person and their manager in one transaction, fenced on the claim,
 * so a run that lost its claim records nothing. A failure gives the grant back for the next run;
 * from the third in a row, the agent and Security are told once (alert-stuck-membership.ts).
 */
export async function expireTimedMemberships(deps: ExpiryDeps, now: number): Promise<ExpiryOutcome> {
  const outcome: ExpiryOutcome = { removed: 0, alreadyRemoved: 0, failed: 0 };
  const due = await dueGrantIds(deps.db, now, BATCH);
  if (due.length === 0) return outcome;
  const connection = await findDirectoryConnection(deps.db);
  const connector = connection ? connectorFor(connection, deps.secretKey, deps.log) : null;
  if (!connector) {
    deps.log.warn({ due: due.length }, 'time-bound memberships are due but no directory connection can remove them');
    return { ...outcome, failed: due.length };
  }
  for (const id of due) {
    const claimed = await claimGrant(deps.db, id, now);
    if (!claimed) continue;
    let ending: Ending;
    try {
      ending = await removeOnce(connector, claimed);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      deps.log.warn({ timedMembership: id, err: error }, 'could not remove an expired time-bound membership; the next run tries again');
      await releaseGrant(deps.db, claimed, why, now);
      await alertStuckMembership(deps.db, claimed, why, now);
      outcome.failed += 1;
      continue;
    }
    const recorded = await deps.db.transaction().execute(async (tx) => {
      if (!(await finishGrant(tx, claimed, ending, now))) return false;
      await recordEnding(tx, deps.origin, claimed, ending, now);
      return true;
    });
    if (recorded) outcome[ending === 'removed' ? 'removed' : 'alreadyRemoved'] += 1;
  }
  return outcome;
}

/** Removes the membership if it is still there; throws when the directory could not say. */
async function removeOnce(connector: DirectoryConnector, grant: TimedMembershipRow): Promise<Ending> {
  const member = () => connector.isMember(grant.group_id, grant.target_immutable_id);
  // Removed by hand already (or by an earlier run whose record was lost): nothing to write.
  if (!(await member())) return 'already_removed';
  try {
    const reply = await connector.removeGroupMember(grant.group_id, grant.target_immutable_id);
    if (reply.outcome === 'manual') throw new Error('the directory connection cannot write; remove the membership in its console');
    return reply.outcome === 'unchanged' ? 'already_removed' : 'removed';
  } catch (error) {
    // The reply was lost: only a membership seen gone counts as removed; never write blind again.
    if (error instanceof DirectoryOutcomeUnknownError && !(await member())) return 'removed';
    throw error;
  }
}

/** The audit entry (on the request that granted the membership) and the notices, in the caller's transaction. */
async function recordEnding(tx: Tx, origin: MailOrigin, grant: TimedMembershipRow, ending: Ending, now: number): Promise<void> {
  const stored = await findStoredAccessRequest(tx, grant.request_id);
  if (!stored) throw new Error(`timed membership ${grant.id} names request ${grant.request_id}, which does not exist`);
  const ticket = await tx.selectFrom('tickets').selectAll().where('id', '=', stored.row.ticket_id).executeTakeFirstOrThrow();
  const target = await tx.selectFrom('directory_people').selectAll().where('id', '=', stored.row.target_person_id).executeTakeFirstOrThrow();
  const loaded: LoadedAccessRequest = { ...stored, ticket, target, request: toAccessRequest(stored) };
  const endsAt = new Date(grant.expires_at).toISOString();

  const entry = await auditEntryFor({ tx, now, sourceIp: null, actor: { id: stored.row.requester_id } }, loaded, { ...loaded.request, state: 'executed' }, {
    by: 'desk:timed-membership-expiry', groupId: grant.group_id, memberAfter: false, membershipEndedAt: endsAt,
    removal: ending === 'removed' ? 'removed by the desk at the end of the time-bound membership' : 'already removed when it ended; nothing written',
  });
  await appendAuditEntry(tx, { ...entry, action: 'remove_group_member', before: { member: ending === 'removed', groupId: grant.group_id, membershipEndsAt: endsAt } });

  const label = await groupLabel(tx, grant.group_id);
  const what = ending === 'removed'
    ? `${target.name} was removed from the directory group ${label}: the time-bound membership granted on ticket ${ticket.number} ended at ${utcWords(grant.expires_at)}.`
    : `The time-bound membership of ${target.name} in the directory group ${label}, granted on ticket ${ticket.number}, ended at ${utcWords(grant.expires_at)}. It had already been removed, so the desk changed nothing.`;
  await queueAccountNotices({ tx, now }, origin, { target, what, at: now, ticketNumber: ticket.number, sourceKey: `${grant.request_id}:membership-ended` });
}
