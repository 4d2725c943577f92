import type { Kysely } from 'kysely';
import { withId } from './schema-helpers.js';

// Frozen with the migration. IMAP polling of existing mailboxes (decision 0025): the
// mailboxes admins configure, with their status and the lease that lets one node poll each,
// and the per-message count of failed ingests that sends a message to quarantine after three.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('mail_mailboxes').ifNotExists())
    // The desk address this mailbox represents: ingest's mailbox and a threading address.
    .addColumn('address', 'varchar(320)', (c) => c.notNull())
    .addColumn('host', 'varchar(253)', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    // 'tls' (implicit) | 'starttls' | 'none'
    .addColumn('tls_mode', 'varchar(10)', (c) => c.notNull())
    // 1 lets 'none' reach a host other than the local machine.
    .addColumn('allow_insecure', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('username', 'varchar(320)', (c) => c.notNull())
    // Needed in clear to log in; never returned by the API and never logged.
    .addColumn('password', 'varchar(1000)', (c) => c.notNull())
    .addColumn('folder', 'varchar(200)', (c) => c.notNull())
    // 'flag' (\Seen and $Deskside) | 'move' (to move_to)
    .addColumn('after_filing', 'varchar(10)', (c) => c.notNull())
    .addColumn('move_to', 'varchar(200)')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // Status read-out, written by the poller.
    .addColumn('last_poll_at', 'bigint')
    .addColumn('last_error', 'varchar(1000)')
    .addColumn('last_uid_validity', 'bigint')
    .addColumn('last_uid', 'bigint')
    .addColumn('filed_count', 'integer', (c) => c.notNull().defaultTo(0))
    // The node polling it and until when; an expired lease may be taken by any worker.
    .addColumn('lease_owner', 'varchar(200)')
    .addColumn('lease_until', 'bigint')
    // Two rows for one source folder would have two nodes poll it in turns for no gain.
    .addUniqueConstraint('mail_mailboxes_source', ['host', 'port', 'username', 'folder'])
    .execute();

  await db.schema
    .createTable('mail_mailbox_failures')
    .ifNotExists()
    .addColumn('mailbox_id', 'integer', (c) => c.notNull())
    .addColumn('uid_validity', 'bigint', (c) => c.notNull())
    .addColumn('uid', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'varchar(1000)')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_mailbox_failures_pk', ['mailbox_id', 'uid_validity', 'uid'])
    .execute();
}
