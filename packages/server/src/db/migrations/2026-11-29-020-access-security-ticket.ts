import type { Kysely } from 'kysely';

// Frozen with the migration. The security ticket opened when a request scored high or was held by
// the velocity limits (issue 5): null until Security was alerted about the request.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_requests').addColumn('security_ticket_id', 'integer').execute();
}
