import type { Kysely } from 'kysely';

// Frozen with the migration. Where a person works (an office, a plant, "remote"): SLA
// policies may select tickets by the requester's site, as they do by group.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('site', 'varchar(100)').execute();
}
