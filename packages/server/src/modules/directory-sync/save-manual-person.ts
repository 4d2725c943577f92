import type { DirectoryPersonView, ManualPersonBody } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { conflict, invalid } from '../../errors.js';
import type { DirectoryPerson } from '../directory/index.js';
import { findDirectoryConnection } from './connections-repo.js';
import { getDirectoryPerson } from './find-directory-people.js';
import { upsertDirectoryPage } from './upsert-directory-page.js';
import { auditPersonOfRecord } from './audit-person-of-record.js';

/**
 * Adds or replaces a person of record of a manual directory (admins; decision 0043). It goes
 * through the sync's own upsert, so contact details are dated by the same rule (a phone number
 * entered or changed now is dated now and not eligible for a callback until the quiet days have
 * passed) and a desk person with the same e-mail is linked once. An LDAP directory's people come
 * from the directory only: 409. Every entry or change is chained onto the audit log with its admin.
 */
export async function saveManualPerson(
  tx: Tx,
  immutableId: string,
  input: ManualPersonBody,
  by: { actorId: number; sourceIp: string | null; now: number },
): Promise<DirectoryPersonView> {
  const { now } = by;
  const connection = await findDirectoryConnection(tx);
  if (!connection || connection.kind !== 'manual') {
    throw conflict('People of record are entered by hand only for a manual directory; this desk syncs them from its directory');
  }
  if (input.managerId !== null) {
    if (input.managerId === immutableId) throw invalid('managerId', 'must be someone else');
    const manager = await tx
      .selectFrom('directory_people')
      .select('id')
      .where('connection_id', '=', connection.id)
      .where('immutable_id', '=', input.managerId)
      .where('gone_at', 'is', null)
      .executeTakeFirst();
    if (!manager) throw invalid('managerId', 'names no person of record');
  }
  const ids = input.groups.map((g) => g.id);
  if (new Set(ids).size !== ids.length) throw invalid('groups', 'names a group twice');
  const person: DirectoryPerson = {
    immutableId,
    dn: null,
    name: input.name,
    email: input.email,
    phoneOfRecord: input.phoneOfRecord,
    managerId: input.managerId,
    // Entered groups are direct memberships: the desk has no nesting to resolve for a manual directory.
    groups: input.groups.map((g) => ({ immutableId: g.id, name: g.name, direct: true })),
    disabled: input.disabled,
    locked: false,
    privileged: input.privileged,
    // The record changes now: trackContactChanges dates a changed e-mail or phone at this instant.
    entryModifiedAt: now,
    contactChangedAt: { email: null, phoneOfRecord: null },
  };
  const before = await getDirectoryPerson(tx, immutableId).catch(() => null);
  await upsertDirectoryPage(tx, connection.id, [person], now);
  const after = await getDirectoryPerson(tx, immutableId);
  await auditPersonOfRecord(tx, { before, after, actorId: by.actorId, sourceIp: by.sourceIp, now });
  return after;
}
