import { conflict } from '../../errors.js';
import { DirectoryNotFoundError } from '../directory/index.js';
import type { ActionPerformer } from './action-performers.js';
import { allowedNext } from './access-writes.js';
import { groupActionOf, groupLabel, utcWords } from './group-action-of.js';
import { recordGrant, supersedeGrants } from './timed-memberships-repo.js';

/** A time-bound grant must still have this long to run when it is executed. */
const MIN_REMAINING_MS = 5 * 60_000;

const addOf = (action: Parameters<typeof groupActionOf>[0]) => {
  const a = groupActionOf(action);
  if (a.type !== 'add_group_member') throw new Error(`${a.type} adds nobody`);
  return a;
};

/**
 * Adds the target to a directory group as a direct member, optionally until an instant: the grant
 * is recorded in timed_memberships in the transaction that records the add, and the expiry job
 * removes it then. An add the directory answers `unchanged` (already a member) is executed with
 * `alreadyMember` in the audit, and schedules no removal unless it extends the desk's own grant:
 * the desk takes away only what it gave.
 */
export const addGroupMember: ActionPerformer = {
  // Approval can take longer than the grant was meant to last; it would be removed at once.
  prepare: async (c, loaded) => {
    const { expiresAt } = addOf(loaded.request.action);
    if (expiresAt !== null && expiresAt - c.now < MIN_REMAINING_MS) {
      throw conflict('This time-bound membership would end before or right after it starts; refuse the request and open one with a later end', allowedNext(loaded.request));
    }
  },
  write: (connector, loaded) => connector.addGroupMember(addOf(loaded.request.action).groupId, loaded.target.immutable_id),
  // A group or person the directory no longer has holds no membership.
  isApplied: async (connector, loaded) => {
    try {
      return await connector.isMember(addOf(loaded.request.action).groupId, loaded.target.immutable_id);
    } catch (error) {
      if (error instanceof DirectoryNotFoundError) return false;
      throw error;
    }
  },
  settle: async (c, loaded, applied, reply) => {
    if (!applied) return;
    const { groupId, expiresAt } = addOf(loaded.request.action);
    const targetId = loaded.target.immutable_id;
    // The newest decision about a membership wins: an earlier time-bound grant of the desk ends here.
    const extended = (await supersedeGrants(c.tx, targetId, groupId, loaded.row.id, c.now)) > 0;
    // A lost reply read back as applied is taken as this add's doing: the open check saw no membership.
    const grantedHere = reply?.outcome !== 'unchanged' || extended;
    if (expiresAt !== null && grantedHere) await recordGrant(c.tx, { requestId: loaded.row.id, targetId, groupId, expiresAt, now: c.now });
  },
  done: async (loaded, tx) => {
    const { groupId, expiresAt } = addOf(loaded.request.action);
    const added = `${loaded.target.name} is now a member of the directory group ${await groupLabel(tx, groupId)}.`;
    if (expiresAt === null) return added;
    const timed = await tx.selectFrom('timed_memberships').select('id').where('request_id', '=', loaded.row.id).executeTakeFirst();
    return timed
      ? `${added} The membership is time-bound: the desk removes it automatically at ${utcWords(expiresAt)}.`
      : `${added} They were a member already, so the desk will not remove it at ${utcWords(expiresAt)}.`;
  },
  afterFacts: (applied, loaded, reply) => {
    const { groupId, expiresAt } = addOf(loaded.request.action);
    return {
      groupId, memberAfter: applied, alreadyMember: reply?.outcome === 'unchanged',
      membershipEndsAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
    };
  },
};
