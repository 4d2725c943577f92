import type { Kysely } from 'kysely';
import { withId } from './schema-helpers.js';

// Frozen with the migration. Business-hours calendars and SLA policies (decisions 0016,
// 0017). Hours, holidays, targets and conditions are JSON text: they are read whole and
// validated by the contracts, never queried by their parts. The default rows are seeded
// by the application at start, like the default groups, so they can follow the env's zone.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('calendars').ifNotExists())
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('time_zone', 'varchar(64)', (c) => c.notNull())
    .addColumn('always_open', 'integer', (c) => c.notNull())
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('holidays', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('sla_policies').ifNotExists())
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('calendar_id', 'integer', (c) => c.notNull().references('calendars.id'))
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('paused_pending_reasons', 'text', (c) => c.notNull())
    .addColumn('warn_at_fraction', 'double precision', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    // Evaluation order: the first policy whose conditions match a ticket applies.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // NULL on tickets written before this migration: the default policy applies to them.
  await db.schema.alterTable('tickets').addColumn('sla_policy_id', 'integer', (c) => c.references('sla_policies.id')).execute();
  // Re-judging a policy's open tickets after an admin edits it reads them by policy.
  await db.schema.createIndex('tickets_sla_policy').ifNotExists().on('tickets').columns(['sla_policy_id', 'is_open']).execute();
  // VIP requesters may be given stricter targets; the flag never loosens anything.
  await db.schema.alterTable('users').addColumn('vip', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
