import { type Kysely, sql } from 'kysely';
import { isPostgres } from './schema-helpers.js';

// Frozen with the migration. In-app notifications for staff: one row per recipient,
// written by the notify job (decision 0015), read and marked read by that person only.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema
    .createTable('notifications')
    .ifNotExists()
    // Several rows per ticket event, for the life of the desk: 64-bit on PostgreSQL, never reused on SQLite.
    .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('kind', 'varchar(50)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text')
    // What caused it (an event id, an SLA slot): the job runs at least once, the row exists once.
    .addColumn('source_key', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .addUniqueConstraint('notifications_person_source', ['person_id', 'source_key'])
    .execute();
  // The bell: a person's newest first, and their unread ones counted and listed from a small partial index.
  await db.schema.createIndex('notifications_person_id').ifNotExists().on('notifications').columns(['person_id', 'id']).execute();
  await db.schema
    .createIndex('notifications_unread')
    .ifNotExists()
    .on('notifications')
    .columns(['person_id', 'id'])
    .where(sql.ref('read_at'), 'is', null)
    .execute();
}
