import type { Kysely } from 'kysely';

// Frozen with the migration. The steps a manual write answered with (decision 0043), as a JSON
// array of strings: while they are set and the request is unknown_outcome, only the agent's
// record of the change settles it; null for every write the directory performed itself.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_requests').addColumn('manual_steps', 'text').execute();
}
