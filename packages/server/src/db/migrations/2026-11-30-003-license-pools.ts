import { type Kysely, sql } from 'kysely';
import { withId } from './schema-helpers.js';

// Frozen with the migration. Licence pools (decision 0040): desk data — a product, a seat count
// and optionally the directory group that grants the licence — and the seat ledger. A seat in
// use is a row without released_at; released rows stay as the pool's history.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('license_pools').ifNotExists())
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('product', 'varchar(200)', (c) => c.notNull())
    .addColumn('seat_count', 'integer', (c) => c.notNull())
    // The directory group whose members hold the licence (group-based licensing); null: a ledger only.
    .addColumn('group_immutable_id', 'varchar(256)')
    .addColumn('group_name', 'varchar(200)')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('license_seats').ifNotExists())
    .addColumn('pool_id', 'integer', (c) => c.notNull())
    // 1..seat_count at the time of the claim: with the unique index below, a pool can never have
    // more seats in use than numbers to give, whichever node claims.
    .addColumn('seat_no', 'integer', (c) => c.notNull())
    .addColumn('holder_person_id', 'integer', (c) => c.notNull())
    .addColumn('holder_immutable_id', 'varchar(200)', (c) => c.notNull())
    // The assign request that claimed the seat, and the reclaim request that released it.
    .addColumn('request_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('assigned_at', 'bigint', (c) => c.notNull())
    .addColumn('released_at', 'bigint')
    .addColumn('release_request_id', 'varchar(40)')
    .execute();
  const inUse = sql.ref('released_at');
  await db.schema
    .createIndex('license_seats_number_in_use').ifNotExists().unique()
    .on('license_seats').columns(['pool_id', 'seat_no']).where(inUse, 'is', null)
    .execute();
  await db.schema
    .createIndex('license_seats_holder_in_use').ifNotExists().unique()
    .on('license_seats').columns(['pool_id', 'holder_immutable_id']).where(inUse, 'is', null)
    .execute();
  await db.schema.createIndex('license_seats_holder').ifNotExists().on('license_seats').column('holder_immutable_id').execute();
  await db.schema.createIndex('license_seats_request').ifNotExists().on('license_seats').column('request_id').execute();
}
