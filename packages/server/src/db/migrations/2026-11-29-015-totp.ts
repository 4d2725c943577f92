import type { Kysely } from 'kysely';
import { withId } from './schema-helpers.js';

// Frozen with the migration. Two-factor sign-in with TOTP for Deskside's own accounts
// (decision 0032): one authenticator per person, single-use recovery codes (SHA-256),
// the short-lived state between the password and the code, and when a session passed it.

export async function up(db: Kysely<any>): Promise<void> {
  // secret is "plain:<base32>" or "aes-256-gcm:<iv>.<tag>.<ciphertext>" (DESKSIDE_SECRET_KEY).
  // activated_at is null while enrolment awaits its first code; last_step stops a code's reuse.
  await db.schema
    .createTable('person_totp')
    .ifNotExists()
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('activated_at', 'bigint')
    .addColumn('last_step', 'bigint')
    .execute();

  await withId(db, db.schema.createTable('mfa_recovery_codes').ifNotExists())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('mfa_recovery_codes_user').ifNotExists().on('mfa_recovery_codes').columns(['user_id', 'code_hash']).execute();

  // The password was right and a code is awaited: not a session, grants nothing else.
  await db.schema
    .createTable('mfa_challenges')
    .ifNotExists()
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('mfa_challenges_user').ifNotExists().on('mfa_challenges').column('user_id').execute();

  await db.schema.alterTable('sessions').addColumn('mfa_at', 'bigint').execute();
}
