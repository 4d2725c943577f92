import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../db/connect.js';
import type { DirectoryPeopleTable, DirectoryPersonRow } from '../../db/types.js';
import { type ContactRecord, type DirectoryPerson, trackContactChanges } from '../directory/index.js';

/** What one page changed. */
export interface PageCounts {
  added: number;
  updated: number;
  disabled: number;
}

/** The synced fields, as stored; compared column by column to decide whether a row changed. */
type SyncedFields = Omit<DirectoryPeopleTable, 'id' | 'connection_id' | 'immutable_id' | 'first_seen_at' | 'last_synced_at' | 'contact_observed_at'>;

/**
 * Upserts one page of people in the caller's transaction. A row is written only when something
 * the directory says changed; otherwise just its last_synced_at moves. Contact change times come
 * from trackContactChanges with `observedAt`, taken after the page was read: an upper bound.
 */
export async function upsertDirectoryPage(tx: Tx, connectionId: number, people: readonly DirectoryPerson[], observedAt: number): Promise<PageCounts> {
  const counts: PageCounts = { added: 0, updated: 0, disabled: 0 };
  if (people.length === 0) return counts;
  const existing = new Map(
    (
      await tx
        .selectFrom('directory_people')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('immutable_id', 'in', people.map((p) => p.immutableId))
        .execute()
    ).map((row) => [row.immutable_id, row]),
  );
  const untouched: number[] = [];
  for (const person of people) {
    const before = existing.get(person.immutableId) ?? null;
    const fields = syncedFields(person, trackContactChanges(before ? contactRecordOf(before) : null, person, observedAt));
    if (!before) {
      const row: Insertable<DirectoryPeopleTable> = {
        ...fields,
        connection_id: connectionId,
        immutable_id: person.immutableId,
        contact_observed_at: observedAt,
        first_seen_at: observedAt,
        last_synced_at: observedAt,
      };
      await tx.insertInto('directory_people').values(row).execute();
      counts.added++;
      if (person.disabled) counts.disabled++;
      continue;
    }
    const changes = changedFields(before, fields);
    if (!changes) {
      untouched.push(before.id);
      continue;
    }
    await tx
      .updateTable('directory_people')
      .set({ ...changes, contact_observed_at: observedAt, last_synced_at: observedAt })
      .where('id', '=', before.id)
      .execute();
    counts.updated++;
    if (person.disabled && before.disabled === 0) counts.disabled++;
  }
  if (untouched.length > 0) {
    await tx.updateTable('directory_people').set({ contact_observed_at: observedAt, last_synced_at: observedAt }).where('id', 'in', untouched).execute();
  }
  await linkDeskPeople(tx, connectionId, people);
  return counts;
}

/**
 * Links desk people to their directory entry by e-mail (case-insensitive), once: a link is never
 * moved by a later sync, and a person who never used the desk gets no `users` row.
 */
async function linkDeskPeople(tx: Tx, connectionId: number, people: readonly DirectoryPerson[]): Promise<void> {
  const emails = [...new Set(people.map((p) => p.email?.trim().toLowerCase()).filter((e): e is string => !!e))];
  if (emails.length === 0) return;
  const candidates = await tx
    .selectFrom('directory_people as d')
    .innerJoin('users as u', (join) => join.on((eb) => eb(eb.fn('lower', ['u.email']), '=', eb.ref('d.email_lower'))))
    .select(['d.id as directoryId', 'u.id as userId'])
    .where('d.connection_id', '=', connectionId)
    .where('d.email_lower', 'in', emails)
    .where('d.gone_at', 'is', null)
    .where('u.directory_id', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('users as linked').select('linked.id').whereRef('linked.directory_id', '=', 'd.id'))))
    .execute();
  const usedDirectoryIds = new Set<number>();
  for (const { directoryId, userId } of candidates) {
    // Two directory entries sharing an address: the first wins; the other stays unlinked.
    if (usedDirectoryIds.has(directoryId)) continue;
    usedDirectoryIds.add(directoryId);
    await tx.updateTable('users').set({ directory_id: directoryId }).where('id', '=', userId).where('directory_id', 'is', null).execute();
  }
}

function syncedFields(person: DirectoryPerson, contact: ContactRecord): SyncedFields {
  const groups = person.groups
    .map((g) => ({ id: g.immutableId, name: g.name, nested: !g.direct }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return {
    dn: person.dn,
    name: person.name,
    email: person.email,
    email_lower: person.email === null ? null : person.email.trim().toLowerCase(),
    phone: person.phoneOfRecord,
    manager_immutable_id: person.managerId,
    disabled: person.disabled ? 1 : 0,
    locked: person.locked ? 1 : 0,
    privileged: person.privileged ? 1 : 0,
    groups: JSON.stringify(groups),
    entry_modified_at: person.entryModifiedAt,
    email_fingerprint: contact.email.fingerprint,
    email_changed_at: contact.email.changedAt,
    email_previous: contact.email.previousValue,
    phone_fingerprint: contact.phoneOfRecord.fingerprint,
    phone_changed_at: contact.phoneOfRecord.changedAt,
    phone_previous: contact.phoneOfRecord.previousValue,
    gone_at: null,
  };
}

function changedFields(before: DirectoryPersonRow, after: SyncedFields): Updateable<DirectoryPeopleTable> | null {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (before[key as keyof DirectoryPersonRow] !== value) changes[key] = value;
  }
  return Object.keys(changes).length > 0 ? (changes as Updateable<DirectoryPeopleTable>) : null;
}

function contactRecordOf(row: DirectoryPersonRow): ContactRecord {
  return {
    email: { value: row.email, fingerprint: row.email_fingerprint, changedAt: row.email_changed_at, previousValue: row.email_previous },
    phoneOfRecord: { value: row.phone, fingerprint: row.phone_fingerprint, changedAt: row.phone_changed_at, previousValue: row.phone_previous },
    observedAt: row.contact_observed_at,
  };
}
