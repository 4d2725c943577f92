import type { Kysely } from 'kysely';
import { withId } from './schema-helpers.js';

// Frozen with the migration. The SLA timers (decision 0020): what a policy does at a
// breach, the durable record of each warning sent, and the index the safety-net sweep
// reads overdue open tickets by.

export async function up(db: Kysely<any>): Promise<void> {
  // JSON of SlaEscalation; '{}' is "notify only", what every existing policy did.
  await db.schema.alterTable('sla_policies').addColumn('escalation', 'text', (c) => c.notNull().defaultTo('{}')).execute();

  // One row per (ticket, target, stage, due instant) ever acted on: the unique key is what
  // makes a retried or concurrent check record, notify and escalate once.
  await withId(db, db.schema.createTable('sla_marks').ifNotExists())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('target', 'varchar(20)', (c) => c.notNull())
    .addColumn('stage', 'varchar(20)', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('sla_marks_once', ['ticket_id', 'target', 'stage', 'due_at'])
    .execute();

  // The queue indexes put priority before due_at; the sweep asks "open and overdue" across priorities.
  await db.schema.createIndex('tickets_open_due').ifNotExists().on('tickets').columns(['is_open', 'due_at']).execute();
}
