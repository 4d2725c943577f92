import { type Kysely, sql } from 'kysely';
import { isPostgres } from './schema-helpers.js';

// Frozen with the migration: the ticket types as they were on this date.
const TICKET_TYPES = ['incident', 'service_request'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // The portal's queue (a requester's open tickets in queue order) walked the whole
  // open queue for want of an index starting with the requester; this one also serves
  // every lookup tickets_requester served, so it replaces it.
  await db.schema
    .createIndex('tickets_queue_requester')
    .ifNotExists()
    .on('tickets')
    .columns(['requester_id', 'is_open', 'priority', 'due_at', 'id'])
    .execute();
  await db.schema.dropIndex('tickets_requester').ifExists().execute();

  if (!isPostgres(db)) return;
  // PostgreSQL numbers tickets from a sequence per type (decision 0014): the counters
  // row lock serialised every create. Each sequence continues where its counter stopped.
  for (const type of TICKET_TYPES) {
    const sequence = sql.raw(`ticket_number_${type}`);
    await sql`CREATE SEQUENCE IF NOT EXISTS ${sequence} AS bigint`.execute(db);
    await sql`SELECT setval(${`ticket_number_${type}`}, value) FROM counters WHERE name = ${`ticket:${type}`} AND value > 0`.execute(db);
  }
}
