import type { DirectoryConnection } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import { forbidden } from '../../errors.js';
import { type Actor, isAdmin } from '../identity/index.js';
import { findDirectoryConnection } from './connections-repo.js';
import { presentDirectoryConnection } from './present-directory-connection.js';

/** Only admins see and change the directory connection. */
export function authorizeDirectoryAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Only admins see and manage the directory connection');
}

/** The connection with its last sync and how many people of record the desk holds. */
export async function getDirectoryConnection(q: Db | Tx): Promise<DirectoryConnection> {
  const row = await findDirectoryConnection(q);
  let count = 0;
  if (row) {
    const result = await q
      .selectFrom('directory_people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('connection_id', '=', row.id)
      .where('gone_at', 'is', null)
      .executeTakeFirstOrThrow();
    count = Number(result.n);
  }
  return presentDirectoryConnection(row, count);
}
