import type { PersonEvent } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';

type Q = Db | Tx;

/** Records one change to a person; call it in the transaction that makes the change. */
export async function appendPersonEvent(
  tx: Tx,
  e: { personId: number; actorId: number | null; type: PersonEvent['type']; data: Record<string, unknown>; now: number },
): Promise<void> {
  await tx
    .insertInto('person_events')
    .values({ person_id: e.personId, actor_id: e.actorId, type: e.type, data: JSON.stringify(e.data), created_at: e.now })
    .execute();
}

/** A person's audit trail, newest first, with the name of whoever made each change. */
export async function personEventsOf(q: Q, personId: number, limit: number) {
  return q
    .selectFrom('person_events as e')
    .leftJoin('users as a', 'a.id', 'e.actor_id')
    .select(['e.id', 'e.type', 'e.data', 'e.created_at', 'e.actor_id', 'a.name as actor_name'])
    .where('e.person_id', '=', personId)
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
}
