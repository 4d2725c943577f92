import type { Kysely } from 'kysely';

// Frozen with the migration. The access request jobs (decision 0044) look every minute for open
// requests past expires_at and for requests stuck in unknown_outcome; both start from the state.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('access_requests_state_expiry').ifNotExists().on('access_requests').columns(['state', 'expires_at']).execute();
}
