import type { Kysely } from 'kysely';
import { isPostgres, withId } from './schema-helpers.js';

// Frozen with the migration. Attachments (decision 0026): the bytes live in a
// content-addressed blob store keyed by sha256; a row says which ticket event carries them
// and under which safe name they are offered. Many rows may share one blob.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  await withId(db, db.schema.createTable('attachments').ifNotExists())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    // The timeline event the file came with; its visibility decides who may download it.
    .addColumn('event_id', 'integer', (c) => c.notNull().references('ticket_events.id'))
    // The inbound mail it arrived in, when it came by mail (mail_messages.id is a bigserial on PostgreSQL).
    .addColumn('mail_message_id', postgres ? 'bigint' : 'integer', (c) => c.references('mail_messages.id'))
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    // Normalised: no path parts, controls or bidi characters, at most 150 characters.
    .addColumn('filename', 'varchar(300)', (c) => c.notNull())
    // The sender's name verbatim, for the audit trail only: never shown as a name, never a path.
    .addColumn('original_filename', 'text')
    .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    // 1 when the part was meant to be shown in the message (a cid: image), else 0.
    .addColumn('inline', 'integer', (c) => c.notNull())
    .addColumn('content_id', 'varchar(250)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by_id', 'integer', (c) => c.references('users.id'))
    .execute();
  // The timeline lists a ticket's attachments; a future sweep of unreferenced blobs looks up by hash.
  await db.schema.createIndex('attachments_ticket').ifNotExists().on('attachments').columns(['ticket_id', 'event_id']).execute();
  await db.schema.createIndex('attachments_sha256').ifNotExists().on('attachments').column('sha256').execute();
}
