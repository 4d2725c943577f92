import { conflict } from '../../errors.js';
import { findHeldSeat, releaseLicenseSeat } from '../licenses/index.js';
import type { ActionPerformer } from './action-performers.js';
import { groupLabel, groupOrThrow, ledgerInstructions, poolFactsIfLoaded, poolFactsOf, withPoolFacts } from './license-pool-facts.js';

/**
 * Reclaims a person's seat of a licence pool: a pool with a group removes them from it, a
 * ledger-only pool waits for the agent to remove the licence in the vendor's console. The seat is released only once the
 * removal applied, so the pool never shows a seat free that is still in use.
 */
export const reclaimLicense: ActionPerformer = {
  load: withPoolFacts,
  // Another reclaim may have released the seat since this one was opened.
  prepare: async (c, loaded) => {
    const facts = poolFactsOf(loaded);
    if (!(await findHeldSeat(c.tx, facts.poolId, loaded.target.immutable_id))) {
      throw conflict(`${loaded.target.name} holds no seat in ${facts.name} any more; nothing to reclaim`);
    }
  },
  // A ledger-only pool: the seat is released only once the agent records the licence removed (decision 0043).
  byHand: (_connector, loaded) => {
    const facts = poolFactsOf(loaded);
    return facts.group ? null : ledgerInstructions(facts, loaded, 'remove');
  },
  write: async (connector, loaded) => {
    const facts = poolFactsOf(loaded);
    if (!facts.group) return { outcome: 'manual', instructions: ledgerInstructions(facts, loaded, 'remove') };
    return connector.removeGroupMember(facts.group.id, loaded.target.immutable_id);
  },
  isApplied: async (connector, loaded) => !(await connector.isMember(groupOrThrow(loaded).id, loaded.target.immutable_id)),
  settle: async (c, loaded, applied) => {
    if (!applied) return;
    const facts = poolFactsOf(loaded);
    await releaseLicenseSeat(c.tx, { poolId: facts.poolId, holderImmutableId: loaded.target.immutable_id, requestId: loaded.row.id, now: c.now });
  },
  done: (loaded) => {
    const facts = poolFactsIfLoaded(loaded);
    if (!facts) return `A licence seat of ${loaded.target.name} was reclaimed.`;
    const how = facts.group
      ? `They were removed from the directory group ${groupLabel(facts.group)}, which granted it.`
      : `The IT service desk removes the licence in the ${facts.product} admin console.`;
    return `The ${facts.product} licence seat of ${loaded.target.name} in the pool "${facts.name}" was reclaimed and is free again. ${how}`;
  },
  afterFacts: (applied) => ({ seatHeld: !applied }),
};
