import type { Person } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import { presentPerson } from './present-person.js';
import { findUserById, groupIdsOf } from './users-repo.js';

/** One person as the admin list shows them, with the version to send back as If-Match. */
export async function getPerson(db: Db, id: number): Promise<Person> {
  const row = await findUserById(db, id);
  if (!row) throw notFound('person');
  return presentPerson(row, await groupIdsOf(db, id));
}
