import type { Tx } from '../../db/connect.js';
import { SYSTEM_ACTOR } from '../tickets/index.js';
import { findStoredAccessRequest, toAccessRequest } from './access-repo.js';
import type { AccessContext, LoadedAccessRequest } from './access-writes.js';

/**
 * The context a job of the desk moves a request in. No person acts: `by` names the job in the
 * audit's `after.by` (`desk:<job>`, like `desk:timed-membership-expiry`), the entry's `actor` stays
 * the agent who asked for the action, and there is no source address.
 */
export function jobContext(tx: Tx, now: number, by: `desk:${string}`): AccessContext {
  return { tx, actor: SYSTEM_ACTOR, now, sourceIp: null, by };
}

/** A request with its ticket and target as a job reads it: no one's rights apply, so nothing is hidden. */
export async function loadForJob(tx: Tx, id: string): Promise<LoadedAccessRequest | null> {
  const stored = await findStoredAccessRequest(tx, id);
  if (!stored) return null;
  const ticket = await tx.selectFrom('tickets').selectAll().where('id', '=', stored.row.ticket_id).executeTakeFirstOrThrow();
  const target = await tx.selectFrom('directory_people').selectAll().where('id', '=', stored.row.target_person_id).executeTakeFirstOrThrow();
  return { ...stored, ticket, target, request: toAccessRequest(stored) };
}
