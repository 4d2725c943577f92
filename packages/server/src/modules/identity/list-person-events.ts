import type { PersonEvent } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import { personEventsOf } from './person-events-repo.js';
import { findUserById } from './users-repo.js';

const LIMIT = 200;

/** The audit trail of one person, newest first: who changed what, and when. */
export async function listPersonEvents(db: Db, personId: number): Promise<PersonEvent[]> {
  if (!(await findUserById(db, personId))) throw notFound('person');
  const rows = await personEventsOf(db, personId, LIMIT);
  return rows.map((r) => ({
    id: r.id,
    type: r.type as PersonEvent['type'],
    actor: r.actor_id === null ? null : { id: r.actor_id, name: r.actor_name ?? '' },
    data: JSON.parse(r.data) as Record<string, unknown>,
    createdAt: new Date(Number(r.created_at)).toISOString(),
  }));
}
