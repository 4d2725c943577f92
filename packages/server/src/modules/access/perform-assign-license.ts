import { claimLicenseSeat, dropSeatClaim } from '../licenses/index.js';
import type { ActionPerformer } from './action-performers.js';
import { groupLabel, groupOrThrow, ledgerInstructions, poolFactsIfLoaded, poolFactsOf, withPoolFacts, poolIdOf } from './license-pool-facts.js';

/**
 * Assigns a seat of a licence pool. The seat is claimed in the desk's ledger in the transaction
 * that starts execution (no free seat: 409, nothing written); a pool with a group then adds the
 * person to it, a ledger-only pool waits for the agent to give the licence in the vendor's console.
 * A write that did not apply, or an agent's "could not be done", gives the seat back.
 */
export const assignLicense: ActionPerformer = {
  load: withPoolFacts,
  prepare: async (c, loaded) => {
    await claimLicenseSeat(c.tx, {
      poolId: poolIdOf(loaded.request.action),
      holder: { personId: loaded.target.id, immutableId: loaded.target.immutable_id },
      requestId: loaded.row.id,
      now: c.now,
    });
  },
  // A ledger-only pool: the agent gives the licence in the vendor's console and records it; the seat
  // claimed at prepare is kept or released by that record (decision 0043).
  byHand: (_connector, loaded) => {
    const facts = poolFactsOf(loaded);
    return facts.group ? null : ledgerInstructions(facts, loaded, 'assign');
  },
  write: async (connector, loaded) => {
    const facts = poolFactsOf(loaded);
    if (!facts.group) return { outcome: 'manual', instructions: ledgerInstructions(facts, loaded, 'assign') };
    return connector.addGroupMember(facts.group.id, loaded.target.immutable_id);
  },
  isApplied: async (connector, loaded) => connector.isMember(groupOrThrow(loaded).id, loaded.target.immutable_id),
  settle: async (c, loaded, applied) => {
    if (applied) return;
    await dropSeatClaim(c.tx, loaded.row.id);
  },
  done: (loaded) => {
    const facts = poolFactsIfLoaded(loaded);
    if (!facts) return `A licence seat was assigned to ${loaded.target.name}.`;
    const how = facts.group
      ? `They were added to the directory group ${groupLabel(facts.group)}, which grants it.`
      : `The IT service desk gives the licence in the ${facts.product} admin console.`;
    return `A ${facts.product} licence seat from the pool "${facts.name}" was assigned to ${loaded.target.name}. ${how}`;
  },
  afterFacts: (applied) => ({ seatHeld: applied }),
};
