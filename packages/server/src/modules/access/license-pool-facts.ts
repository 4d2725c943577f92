import type { AccessAction } from '@deskside/shared';
import { conflict } from '../../errors.js';
import { DirectoryError } from '../directory/index.js';
import { findPool } from '../licenses/index.js';
import type { AccessContext, LoadedAccessRequest } from './access-writes.js';
import { RECORD_STEP, whoInSteps } from './manual-steps.js';

/** What a licence performer needs about its pool beside the request: read in the execution's first transaction. */
export interface PoolFacts {
  poolId: number;
  name: string;
  product: string;
  /** The group that grants the licence; null: the pool is a ledger only. */
  group: { id: string; name: string | null } | null;
}

/** The pool a licence action names (its poolId is the pool's id as text). */
export function poolIdOf(action: AccessAction): number {
  if (action.type !== 'assign_license' && action.type !== 'reclaim_license') throw new Error(`${action.type} names no licence pool`);
  return Number(action.poolId);
}

/** A request carrying its pool's facts, read in the execution's transaction by `withPoolFacts`. */
type WithPool = LoadedAccessRequest & { pool: PoolFacts };

/** Reads the pool of the request in the caller's transaction and returns the request carrying it. */
export async function withPoolFacts(c: AccessContext, loaded: LoadedAccessRequest): Promise<LoadedAccessRequest> {
  const pool = await findPool(c.tx, poolIdOf(loaded.request.action));
  if (!pool) throw conflict('The licence pool of this request no longer exists');
  const facts: PoolFacts = {
    poolId: pool.id, name: pool.name, product: pool.product,
    group: pool.group_immutable_id === null ? null : { id: pool.group_immutable_id, name: pool.group_name },
  };
  return { ...loaded, pool: facts } as WithPool;
}

/** The pool facts the execution loaded; throwing here leaves a write unsent or a read-back unknown, never guessed. */
export function poolFactsOf(loaded: LoadedAccessRequest): PoolFacts {
  const facts = (loaded as Partial<WithPool>).pool;
  if (!facts) throw new Error(`licence pool of request ${loaded.row.id} was not loaded for this execution`);
  return facts;
}

/** The pool facts when the request carries them (a notice sent outside an execution does not). */
export function poolFactsIfLoaded(loaded: LoadedAccessRequest): PoolFacts | null {
  return (loaded as Partial<WithPool>).pool ?? null;
}

/** The group label for notices and instructions. */
export function groupLabel(group: { id: string; name: string | null }): string {
  return group.name ? `"${group.name}" (id ${group.id})` : `the group with id ${group.id}`;
}

/** Steps for a ledger-only pool: the agent changes the licence in the vendor's console and records it (decision 0043). */
export function ledgerInstructions(facts: PoolFacts, loaded: LoadedAccessRequest, verb: 'assign' | 'remove'): string[] {
  return [
    `Open the admin console of ${facts.product} and find ${whoInSteps(loaded.target)} by that id, not by name.`,
    verb === 'assign'
      ? `Assign them a ${facts.product} licence. The desk holds a seat in "${facts.name}" for them: it is kept when you record this done, and released if it could not be done.`
      : `Remove their ${facts.product} licence. Their seat in "${facts.name}" is released when you record this done.`,
    RECORD_STEP,
  ];
}

/** The pool's group; a ledger-only pool has none, and only the agent can tell what its console holds. */
export function groupOrThrow(loaded: LoadedAccessRequest): { id: string; name: string | null } {
  const { group } = poolFactsOf(loaded);
  if (!group) throw new DirectoryError('rejected', 'a ledger-only licence pool cannot be read back; only the agent can record it');
  return group;
}
