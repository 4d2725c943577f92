import type { Kysely } from 'kysely';

// Frozen with the migration. Whether an approval came from a member of the Security group,
// recorded when it was given: a request routed to Security needs one (decision 0035, amended).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_approvals').addColumn('security_reviewer', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
