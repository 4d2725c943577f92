import type { Kysely } from 'kysely';
import { withId } from './schema-helpers.js';

// Frozen with the migration. People administration (decision 0021): a version on each
// person so two admins editing one person cannot overwrite each other, and the audit
// trail of every change made to a person.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();

  // actor_id is null when the desk itself made the change (CLI, first-run setup, demo seed).
  // data is JSON: what changed, e.g. {"from":"agent","to":"lead"}.
  await withId(db, db.schema.createTable('person_events').ifNotExists())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('type', 'varchar(40)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_events_person').ifNotExists().on('person_events').columns(['person_id', 'id']).execute();
}
