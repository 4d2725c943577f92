import { type Kysely, sql } from 'kysely';
import { isPostgres } from './schema-helpers.js';

// Frozen with the migration. Versions of the social-engineering signal rules admins
// publish (decision 0034): append-only, the newest version is the one in force, and
// triggers refuse UPDATE and DELETE so an old version reads back as it was scored.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('signal_rule_sets')
    .ifNotExists()
    // 1, 2, 3, ...: the primary key is the uniqueness that settles two publishes at once.
    .addColumn('version', 'integer', (c) => c.primaryKey())
    // The SignalRuleSet as JSON, its own "version" field equal to the row's.
    .addColumn('rule_set', 'text', (c) => c.notNull())
    .addColumn('note', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // Null when the desk itself wrote it (a CLI import, say); the person otherwise.
    .addColumn('created_by_id', 'integer')
    .execute();

  if (isPostgres(db)) {
    await sql`
      CREATE OR REPLACE FUNCTION signal_rule_sets_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'signal_rule_sets is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`.execute(db);
    await sql`CREATE TRIGGER signal_rule_sets_append_only BEFORE UPDATE OR DELETE ON signal_rule_sets FOR EACH ROW EXECUTE FUNCTION signal_rule_sets_refuse_change()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER IF NOT EXISTS signal_rule_sets_no_update BEFORE UPDATE ON signal_rule_sets
      BEGIN SELECT RAISE(ABORT, 'signal_rule_sets is append-only: UPDATE refused'); END`.execute(db);
    await sql`
      CREATE TRIGGER IF NOT EXISTS signal_rule_sets_no_delete BEFORE DELETE ON signal_rule_sets
      BEGIN SELECT RAISE(ABORT, 'signal_rule_sets is append-only: DELETE refused'); END`.execute(db);
  }
}
