import type { Kysely } from 'kysely';
import { isPostgres } from './schema-helpers.js';

// Frozen with the migration. The durable job engine (decision 0015): one table is the
// outbox, the schedule, the work queue and the dead-letter list.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema
    .createTable('jobs')
    .ifNotExists()
    // Jobs churn for the life of a desk: PostgreSQL gets a 64-bit key; SQLite's integer is 64-bit already.
    // AUTOINCREMENT keeps SQLite from reusing a pruned id, which the admin list pages by.
    .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('kind', 'varchar(100)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // NULL: the engine's configured default (DESKSIDE_JOB_MAX_ATTEMPTS) applies when the job fails.
    .addColumn('max_attempts', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('locked_by', 'varchar(200)')
    .addColumn('lease_until', 'bigint')
    // Unique but nullable: idempotent enqueue and one job per recurring slot; NULLs never collide.
    .addColumn('dedupe_key', 'varchar(300)', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  // Claiming reads ready jobs in due order; the reaper reads running ones (few) by the same prefix.
  await db.schema.createIndex('jobs_claim').ifNotExists().on('jobs').columns(['status', 'run_at']).execute();
  // Pruning finds done jobs by age; the admin list pages a status by id.
  await db.schema.createIndex('jobs_finished').ifNotExists().on('jobs').columns(['status', 'finished_at']).execute();
  await db.schema.createIndex('jobs_status_id').ifNotExists().on('jobs').columns(['status', 'id']).execute();
}
