import type { Kysely } from 'kysely';
import { isPostgres, withId } from './schema-helpers.js';

// Frozen with the migration. Inbound mail ingest (decision 0024): inbound rows in
// mail_messages remember the mailbox and the content hash (duplicate or conflict), and
// messages the desk could not or would not file wait in mail_quarantine with their bytes.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  // message_id is already unique across the table, which is stronger than (mailbox, key):
  // a message sent to two desk mailboxes is one message.
  await db.schema.alterTable('mail_messages').addColumn('mailbox', 'varchar(320)').execute();
  await db.schema.alterTable('mail_messages').addColumn('content_hash', 'varchar(64)').execute();

  await withId(db, db.schema.createTable('mail_quarantine').ifNotExists())
    .addColumn('mailbox', 'varchar(320)', (c) => c.notNull())
    // The exactly-once key when the message could be parsed; null for poison.
    .addColumn('dedupe_key', 'varchar(600)')
    // sha256 of the raw bytes: the same bytes delivered again count an attempt, not a row.
    .addColumn('raw_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    // Capped; raw_size is the size delivered.
    .addColumn('raw', postgres ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('raw_size', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_attempt_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('mail_quarantine_raw', ['mailbox', 'raw_sha256'])
    .execute();
}
