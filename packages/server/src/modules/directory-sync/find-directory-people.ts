import { sql } from 'kysely';
import type { DirectoryPeopleQuery, DirectoryPersonView } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import type { DirectoryPersonRow } from '../../db/types.js';
import { forbidden, notFound } from '../../errors.js';
import { type Actor, isStaff } from '../identity/index.js';
import { findDirectoryConnection } from './connections-repo.js';
import { presentDirectoryPerson } from './present-directory-person.js';

/** Staff only: agents pick a target from the directory, and see the phone of record the callback dials. */
export function authorizeDirectoryRead(actor: Actor): void {
  if (!isStaff(actor)) throw forbidden('Only the desk looks people up in the directory');
}

/** People of record whose name or e-mail contains `q` (case-insensitive), present ones only, by name. */
export async function searchDirectoryPeople(db: Db, query: DirectoryPeopleQuery): Promise<DirectoryPersonView[]> {
  const connection = await findDirectoryConnection(db);
  if (!connection) return [];
  let select = db.selectFrom('directory_people').selectAll().where('connection_id', '=', connection.id).where('gone_at', 'is', null);
  const text = query.q?.trim().toLowerCase();
  if (text) {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Both dialects take ESCAPE; a % or _ the agent types is matched literally.
    select = select.where(sql<boolean>`(lower(name) like ${pattern} escape '\\' or email_lower like ${pattern} escape '\\')`);
  }
  const rows = await select.orderBy('name').orderBy('id').limit(query.limit).execute();
  return presentAll(db, connection.id, rows);
}

/** One person of record by immutable id, gone ones included (marked). */
export async function getDirectoryPerson(db: Db, immutableId: string): Promise<DirectoryPersonView> {
  const connection = await findDirectoryConnection(db);
  const row = connection
    ? await db.selectFrom('directory_people').selectAll().where('connection_id', '=', connection.id).where('immutable_id', '=', immutableId).executeTakeFirst()
    : undefined;
  if (!row) throw notFound('person in the directory');
  return (await presentAll(db, row.connection_id, [row]))[0]!;
}

async function presentAll(db: Db, connectionId: number, rows: DirectoryPersonRow[]): Promise<DirectoryPersonView[]> {
  if (rows.length === 0) return [];
  const managerIds = [...new Set(rows.map((r) => r.manager_immutable_id).filter((id): id is string => id !== null))];
  const managers = managerIds.length
    ? await db.selectFrom('directory_people').select(['immutable_id', 'name']).where('connection_id', '=', connectionId).where('immutable_id', 'in', managerIds).execute()
    : [];
  const links = await db.selectFrom('users').select(['id', 'directory_id']).where('directory_id', 'in', rows.map((r) => r.id)).execute();
  const managerName = new Map(managers.map((m) => [m.immutable_id, m.name]));
  const deskId = new Map(links.map((l) => [l.directory_id, l.id]));
  return rows.map((r) => presentDirectoryPerson(r, r.manager_immutable_id ? (managerName.get(r.manager_immutable_id) ?? null) : null, deskId.get(r.id) ?? null));
}
