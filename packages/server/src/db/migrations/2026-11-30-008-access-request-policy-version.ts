import type { Kysely } from 'kysely';

// Frozen with the migration. The access policy version (decision 0038) a request's requirements
// were fixed from when it was opened; 0 is the built-in policy. Requests opened before this
// migration are recorded as null: which version applied to them was not kept.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_requests').addColumn('policy_version', 'integer').execute();
}
