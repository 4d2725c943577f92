import { type Kysely, sql } from 'kysely';
import { isPostgres } from './schema-helpers.js';

// Frozen with the migration. Versions of the access policy admins publish (decision 0038):
// which verification methods, how many, and how many approvers each identity action needs
// per target tier. Append-only like the signal rules: the newest version is in force, no
// row means the built-in policy, and triggers refuse UPDATE and DELETE so a request can
// always be explained by the version it was opened under.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_policies')
    .ifNotExists()
    // 1, 2, 3, ...: the primary key settles two publishes racing for the same number.
    .addColumn('version', 'integer', (c) => c.primaryKey())
    // The AccessPolicy as JSON, as the shared schema parsed it (defaults filled in).
    .addColumn('policy', 'text', (c) => c.notNull())
    // SHA-256 of the policy's canonical JSON; the audit entry of the publish carries it too.
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('note', 'varchar(500)', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    // Null when the desk itself wrote it (a CLI import, say); the admin otherwise.
    .addColumn('published_by_id', 'integer')
    .execute();

  if (isPostgres(db)) {
    await sql`
      CREATE OR REPLACE FUNCTION access_policies_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_policies is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`.execute(db);
    await sql`CREATE TRIGGER access_policies_append_only BEFORE UPDATE OR DELETE ON access_policies FOR EACH ROW EXECUTE FUNCTION access_policies_refuse_change()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER IF NOT EXISTS access_policies_no_update BEFORE UPDATE ON access_policies
      BEGIN SELECT RAISE(ABORT, 'access_policies is append-only: UPDATE refused'); END`.execute(db);
    await sql`
      CREATE TRIGGER IF NOT EXISTS access_policies_no_delete BEFORE DELETE ON access_policies
      BEGIN SELECT RAISE(ABORT, 'access_policies is append-only: DELETE refused'); END`.execute(db);
  }
}
