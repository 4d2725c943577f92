import type { Kysely } from 'kysely';
import { isPostgres } from './schema-helpers.js';

// Frozen with the migration. Mail to and from the desk (decision 0023): one row per message,
// written with the change that causes it (outbound) or the ingest that records it (inbound),
// so threading can look up any Message-ID the desk has sent or seen.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema
    .createTable('mail_messages')
    .ifNotExists()
    .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('direction', 'varchar(3)', (c) => c.notNull())
    // Null for inbound mail that has not (yet) been matched to a ticket.
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    // The recipient (outbound) or the sender once recognised (inbound).
    .addColumn('person_id', 'integer', (c) => c.references('users.id'))
    // RFC 5322 Message-ID without the angle brackets; ours are fixed when the row is written.
    .addColumn('message_id', 'varchar(500)', (c) => c.notNull().unique())
    .addColumn('in_reply_to', 'varchar(500)')
    // Message-IDs without brackets, separated by single spaces, oldest first.
    .addColumn('references', 'text')
    .addColumn('from_address', 'varchar(500)')
    .addColumn('to_address', 'varchar(500)')
    .addColumn('reply_to', 'varchar(500)')
    .addColumn('subject', 'varchar(1000)', (c) => c.notNull())
    .addColumn('body_text', 'text')
    .addColumn('body_html', 'text')
    // What the message is: 'acknowledgement', 'reply', 'resolution', … (outbound), 'inbound' kinds later.
    .addColumn('kind', 'varchar(50)', (c) => c.notNull())
    // RFC 3834: 'auto-generated' for the desk's notices, 'no' for a person's words.
    .addColumn('auto_submitted', 'varchar(30)', (c) => c.notNull())
    // 'queued' | 'sent' | 'failed' | 'skipped' for outbound; inbound rows choose their own.
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    // The cause (a ticket write): a use case retried or a producer called twice writes one row.
    .addColumn('source_key', 'varchar(300)', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('last_error', 'text')
    .execute();
  // Threading: a ticket's first and latest message.
  await db.schema.createIndex('mail_messages_ticket').ifNotExists().on('mail_messages').columns(['ticket_id', 'id']).execute();

  await db.schema
    .createTable('ticket_reply_tokens')
    .ifNotExists()
    // Random, 120 bits: the address support+<token>@domain must not be guessable from a ticket number.
    .addColumn('token', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_reply_tokens_ticket').ifNotExists().on('ticket_reply_tokens').columns(['ticket_id', 'created_at']).execute();
}
