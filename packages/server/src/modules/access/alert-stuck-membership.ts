import type { Db } from '../../db/connect.js';
import type { TimedMembershipRow } from '../../db/types.js';
import { enqueueNotification } from '../notifications/index.js';
import { securityMemberIds } from './alert-security.js';
import { groupLabel, utcWords } from './group-action-of.js';

/** After this many failed removals in a row, people are told: access is outliving its grant. */
export const STUCK_AFTER_ATTEMPTS = 3;
export const STUCK_MEMBERSHIP_KIND = 'access.membership-stuck';

/**
 * A time-bound membership the desk could not remove (decision 0039): the person keeps access past
 * the end someone approved. From the third failed attempt the Security group and the agent who
 * opened the request are told once, on the request's ticket; the job keeps trying meanwhile.
 */
export async function alertStuckMembership(db: Db, grant: TimedMembershipRow, why: string, now: number): Promise<boolean> {
  if (grant.attempts < STUCK_AFTER_ATTEMPTS) return false;
  return db.transaction().execute(async (tx) => {
    const request = await tx.selectFrom('access_requests').select(['ticket_id', 'requester_id', 'target_person_id']).where('id', '=', grant.request_id).executeTakeFirst();
    if (!request) return false;
    const target = await tx.selectFrom('directory_people').select('name').where('id', '=', request.target_person_id).executeTakeFirstOrThrow();
    const label = await groupLabel(tx, grant.group_id);
    const id = await enqueueNotification(tx, {
      recipientIds: [request.requester_id, ...(await securityMemberIds(tx))],
      ticketId: request.ticket_id,
      kind: STUCK_MEMBERSHIP_KIND,
      title: `${target.name} is still in ${label}: the time-bound membership ended ${utcWords(grant.expires_at)} but could not be removed`,
      body: `The desk tried ${grant.attempts} times and keeps trying every minute. Last error: ${why.slice(0, 300)}. Remove the membership in the directory's console if it persists.`,
      // Once per grant: later failures do not repeat the alert.
      sourceKey: `timed-membership-stuck:${grant.id}`,
      now,
    });
    return id !== null;
  });
}
