import type { Kysely } from 'kysely';
import { withId } from './schema-helpers.js';

// Frozen with the migration. People of record synced from the directory (decision 0033): the
// connection admins configure (one for now; the table allows more), the synced copy of each
// person with the contact change times trackContactChanges keeps, and the link from a desk
// person to their directory entry.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('directory_connections').ifNotExists())
    // 'ldap' | 'manual'
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    // JSON: the LDAP settings without the bind password; '{}' for manual.
    .addColumn('config', 'text', (c) => c.notNull())
    // Sealed with DESKSIDE_SECRET_KEY when set (secret-box); never returned by the API, never logged.
    .addColumn('bind_password', 'varchar(2000)')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('sync_interval_minutes', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // The last sync, written by the sync job. status: 'running' | 'succeeded' | 'failed'
    .addColumn('last_sync_status', 'varchar(20)')
    .addColumn('last_sync_started_at', 'bigint')
    .addColumn('last_sync_finished_at', 'bigint')
    .addColumn('last_sync_seen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_sync_added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_sync_updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_sync_disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_sync_gone', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_sync_error', 'varchar(1000)')
    .execute();

  await withId(db, db.schema.createTable('directory_people').ifNotExists())
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    // entryUUID / objectGUID: the only address of a person in the directory.
    .addColumn('immutable_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('dn', 'varchar(1000)')
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('email', 'varchar(320)')
    // Lower-cased e-mail, for matching desk people and searching.
    .addColumn('email_lower', 'varchar(320)')
    .addColumn('phone', 'varchar(100)')
    .addColumn('manager_immutable_id', 'varchar(200)')
    .addColumn('disabled', 'integer', (c) => c.notNull())
    .addColumn('locked', 'integer', (c) => c.notNull())
    .addColumn('privileged', 'integer', (c) => c.notNull())
    // JSON: [{ id, name, nested }]
    .addColumn('groups', 'text', (c) => c.notNull())
    .addColumn('entry_modified_at', 'bigint')
    // Per contact detail: a fingerprint of the normalised value, the latest instant it may have
    // changed (never earlier than the truth, decision 0030) and the value before that change.
    .addColumn('email_fingerprint', 'varchar(64)')
    .addColumn('email_changed_at', 'bigint', (c) => c.notNull())
    .addColumn('email_previous', 'varchar(320)')
    .addColumn('phone_fingerprint', 'varchar(64)')
    .addColumn('phone_changed_at', 'bigint', (c) => c.notNull())
    .addColumn('phone_previous', 'varchar(100)')
    // When the contact details were last compared (trackContactChanges' observedAt).
    .addColumn('contact_observed_at', 'bigint', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_synced_at', 'bigint', (c) => c.notNull())
    // Set when a complete sync no longer finds the person; cleared if they come back.
    .addColumn('gone_at', 'bigint')
    .addUniqueConstraint('directory_people_immutable_id', ['connection_id', 'immutable_id'])
    .execute();
  await db.schema.createIndex('directory_people_email').ifNotExists().on('directory_people').column('email_lower').execute();

  await db.schema.alterTable('users').addColumn('directory_id', 'integer').execute();
  await db.schema.createIndex('users_directory_id').ifNotExists().unique().on('users').column('directory_id').execute();
}
