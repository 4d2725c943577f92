import type { ActionPerformer } from './action-performers.js';
import { groupActionOf, groupLabel } from './group-action-of.js';
import { supersedeGrants } from './timed-memberships-repo.js';

const removeOf = (action: Parameters<typeof groupActionOf>[0]) => {
  const a = groupActionOf(action);
  if (a.type !== 'remove_group_member') throw new Error(`${a.type} removes nobody`);
  return a;
};

/**
 * Removes the target's direct membership of a directory group. Someone who is no longer a member
 * when it runs (removed by hand meanwhile) is `unchanged`: executed, with `alreadyRemoved` in the
 * audit. A time-bound grant of the desk on the membership ends with it.
 */
export const removeGroupMember: ActionPerformer = {
  write: (connector, loaded) => connector.removeGroupMember(removeOf(loaded.request.action).groupId, loaded.target.immutable_id),
  isApplied: async (connector, loaded) => !(await connector.isMember(removeOf(loaded.request.action).groupId, loaded.target.immutable_id)),
  settle: async (c, loaded, applied) => {
    if (applied) await supersedeGrants(c.tx, loaded.target.immutable_id, removeOf(loaded.request.action).groupId, loaded.row.id, c.now);
  },
  done: async (loaded, tx) =>
    `${loaded.target.name} is no longer a member of the directory group ${await groupLabel(tx, removeOf(loaded.request.action).groupId)}.`,
  afterFacts: (applied, loaded, reply) => ({
    groupId: removeOf(loaded.request.action).groupId, memberAfter: !applied, alreadyRemoved: reply?.outcome === 'unchanged',
  }),
};
