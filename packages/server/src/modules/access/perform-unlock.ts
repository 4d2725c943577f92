import type { ActionPerformer } from './action-performers.js';

/** Clears the lockout; the password stays as it was. */
export const unlockAccount: ActionPerformer = {
  write: (connector, loaded) => connector.unlockAccount(loaded.target.immutable_id),
  isApplied: async (connector, loaded) => !(await connector.isLocked(loaded.target.immutable_id)),
  done: (loaded) => `The account of ${loaded.target.name} was unlocked. The password was not changed.`,
  afterFacts: (applied) => ({ lockedAfter: !applied }),
};
