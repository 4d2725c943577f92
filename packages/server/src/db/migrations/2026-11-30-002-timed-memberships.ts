import type { Kysely } from 'kysely';
import { withId } from './schema-helpers.js';

// Frozen with the migration. Time-bound group memberships (decision 0039): one row per executed
// add_group_member request that granted a membership until a given instant. The expiry job claims a
// due row (state 'removing' with a lease), removes the membership through the directory connector
// at most once, and records how it ended; the row is never deleted.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('timed_memberships').ifNotExists())
    // The add_group_member request that granted the membership: one row per request.
    .addColumn('request_id', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('target_immutable_id', 'varchar(256)', (c) => c.notNull())
    .addColumn('group_id', 'varchar(256)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    // active -> removing (claimed) -> removed; or superseded by a later request on the same membership.
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    // removed: the job removed it; already_removed: a read showed it gone (removed by hand); or the request that superseded it.
    .addColumn('ended_how', 'varchar(60)')
    .addColumn('claimed_until', 'bigint')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'varchar(500)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('removed_at', 'bigint')
    .execute();
  // The job's due scan, and the lookup of a membership's grant by target and group.
  await db.schema.createIndex('timed_memberships_due').ifNotExists().on('timed_memberships').columns(['state', 'expires_at']).execute();
  await db.schema.createIndex('timed_memberships_membership').ifNotExists().on('timed_memberships').columns(['target_immutable_id', 'group_id']).execute();
}
