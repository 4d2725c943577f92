import type { Kysely } from 'kysely';

// Frozen with the migration. Single-use password reset links (decision 0036): one row per link
// issued for a reset_password request. The raw token is never stored: the send job mints it, keeps
// only its SHA-256 here and puts the link in the mail it hands to SMTP, nowhere else.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('password_reset_tokens')
    .ifNotExists()
    // A random UUID: the job payload names the link by it, never by the token.
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('request_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('target_person_id', 'integer', (c) => c.notNull())
    .addColumn('target_immutable_id', 'varchar(200)', (c) => c.notNull())
    // Hex SHA-256 of the token; null until the send job minted it (a retry replaces it).
    .addColumn('token_hash', 'varchar(64)', (c) => c.unique())
    // The outbound mail that carries the link (its stored body never holds the link).
    .addColumn('mail_message_id', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('password_reset_tokens_request').ifNotExists().on('password_reset_tokens').column('request_id').execute();
}
