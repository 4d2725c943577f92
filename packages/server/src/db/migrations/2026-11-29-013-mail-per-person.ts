import type { Kysely } from 'kysely';

// Frozen with the migration. The daily cap on automatic mail counts one person's recent
// outbound messages on every notice queued: an index keeps that a short range read.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('mail_messages_person_created').ifNotExists().on('mail_messages').columns(['person_id', 'created_at']).execute();
}
