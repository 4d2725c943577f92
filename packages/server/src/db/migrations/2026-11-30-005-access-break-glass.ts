import type { Kysely } from 'kysely';

// Frozen with the migration. The written reason of a break-glass request (issue 5): it needs two
// approvers and alerts Security when opened; null for every other request.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_requests').addColumn('break_glass_reason', 'text').execute();
}
