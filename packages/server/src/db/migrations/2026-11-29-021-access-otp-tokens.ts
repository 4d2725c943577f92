import type { Kysely } from 'kysely';

// Frozen with the migration. Single-use verification links for the directory_otp method (issue 5,
// method (a)): the desk mails a link to the target's e-mail of record and the person answers on their
// own device. Like password_reset_tokens, the raw token is never stored: the send job mints it, keeps
// only its SHA-256 here and puts the link in the mail it hands to SMTP. A separate table (not the
// reset table with a purpose column) so a verification token can never be redeemed as a reset link.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_verification_tokens')
    .ifNotExists()
    // A random UUID: the job payload names the link by it, never by the token.
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('request_id', 'varchar(40)', (c) => c.notNull())
    // The pending access_verifications row this link completes.
    .addColumn('verification_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('target_person_id', 'integer', (c) => c.notNull())
    .addColumn('target_immutable_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('action_type', 'varchar(40)', (c) => c.notNull())
    // The desk user who sent it (shown to the person: "requested by …").
    .addColumn('sent_by', 'integer', (c) => c.notNull())
    // Hex SHA-256 of the token; null until the send job minted it (a retry replaces it).
    .addColumn('token_hash', 'varchar(64)', (c) => c.unique())
    .addColumn('mail_message_id', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('used_at', 'bigint')
    // yes | no | superseded (a newer link was sent); null while unused.
    .addColumn('answer', 'varchar(20)')
    .execute();
  await db.schema.createIndex('access_verification_tokens_request').ifNotExists().on('access_verification_tokens').column('request_id').execute();
}
