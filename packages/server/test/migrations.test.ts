import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db, type DbHandle } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import * as foundation from '../src/db/migrations/2026-11-23-001-desk-foundation.js';
import { allocateTicketSequence } from '../src/modules/tickets/tickets-repo.js';
import { describeEachDialect, postgresAvailable, type TestDialect } from './support/dialects.js';
import { createTestDatabase, type TestDatabase } from './support/test-desk.js';

const ALL_MIGRATIONS = ['2026-11-23-001-desk-foundation', '2026-11-29-001-requester-queue-and-number-sequences', '2026-11-29-002-job-engine', '2026-11-29-003-sla', '2026-11-29-004-notifications', '2026-11-29-005-sqlite-search-merging', '2026-11-29-006-sla-escalation', '2026-11-29-007-people-admin', '2026-11-29-008-person-site', '2026-11-29-009-outbound-mail', '2026-11-29-010-mail-inbound', '2026-11-29-011-mail-mailboxes', '2026-11-29-012-attachments', '2026-11-29-013-mail-per-person', '2026-11-29-014-audit-log', '2026-11-29-015-totp', '2026-11-29-016-directory-people', '2026-11-29-017-signal-rule-sets', '2026-11-29-018-access-requests', '2026-11-29-019-password-reset-tokens', '2026-11-29-020-access-security-ticket', '2026-11-29-021-access-otp-tokens', '2026-11-29-022-security-reviewer-approvals', '2026-11-30-001-access-policies', '2026-11-30-002-timed-memberships', '2026-11-30-003-license-pools', '2026-11-30-005-access-break-glass', '2026-11-30-006-manual-instructions', '2026-11-30-007-access-requests-due-index', '2026-11-30-008-access-request-policy-version'];

/** Full-text search is dialect-specific by design (FTS5 vs tsvector): compared elsewhere, by behaviour. */
const isSearchTable = (name: string) => name.startsWith('ticket_search');

/** table -> "column" or "column NOT NULL", sorted; primary keys count as NOT NULL in both dialects. */
async function schemaOf(db: Db, dialect: TestDialect): Promise<Record<string, string[]>> {
  const rows =
    dialect === 'postgres'
      ? (
          await sql<{ table: string; column: string; required: boolean }>`
            SELECT table_name AS "table", column_name AS "column", is_nullable = 'NO' AS required
            FROM information_schema.columns WHERE table_schema = 'public'`.execute(db)
        ).rows
      : (
          await sql<{ table: string; column: string; required: number }>`
            SELECT m.name AS "table", c.name AS "column", (c."notnull" OR c.pk > 0) AS required
            FROM sqlite_master m, pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`.execute(db)
        ).rows;
  const schema: Record<string, string[]> = {};
  for (const r of rows) {
    if (isSearchTable(r.table)) continue;
    (schema[r.table] ??= []).push(r.required ? `${r.column} NOT NULL` : r.column);
  }
  for (const columns of Object.values(schema)) columns.sort();
  return schema;
}

function open(database: TestDatabase): DbHandle {
  return openDatabase({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR!, poolSize: 2 });
}

describeEachDialect('migrations', (dialect) => {
  it('apply once on an empty database; running them again is a no-op', async () => {
    const database = await createTestDatabase(dialect);
    const handle = open(database);
    try {
      expect(await migrateToLatest(handle.db)).toEqual(ALL_MIGRATIONS);
      const schema = await schemaOf(handle.db, dialect);
      expect(Object.keys(schema)).toEqual(expect.arrayContaining(['users', 'tickets', 'ticket_events', 'schema_migrations']));
      expect(await migrateToLatest(handle.db)).toEqual([]);
      expect(await migrateToLatest(handle.db)).toEqual([]);
      expect(await schemaOf(handle.db, dialect)).toEqual(schema);
    } finally {
      await handle.close();
      await database.drop();
    }
  });

  it('are safe when two nodes start at once on one database', async () => {
    const database = await createTestDatabase(dialect);
    const first = open(database);
    const second = open(database);
    try {
      const applied = await Promise.all([migrateToLatest(first.db), migrateToLatest(second.db)]);
      expect(applied.flat().sort()).toEqual(ALL_MIGRATIONS);
      const recorded = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(first.db);
      expect(recorded.rows.map((r) => r.name).sort()).toEqual(ALL_MIGRATIONS);
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });
});

describe.skipIf(!postgresAvailable)('one schema for both dialects', () => {
  it('SQLite and PostgreSQL get the same tables, columns and NOT NULLs', async () => {
    const lite = await createTestDatabase('sqlite');
    const pg = await createTestDatabase('postgres');
    const a = open(lite);
    const b = open(pg);
    try {
      await migrateToLatest(a.db);
      await migrateToLatest(b.db);
      const sqliteSchema = await schemaOf(a.db, 'sqlite');
      const postgresSchema = await schemaOf(b.db, 'postgres');
      expect(Object.keys(sqliteSchema).length).toBeGreaterThanOrEqual(12);
      expect(sqliteSchema.tickets).toContain('number NOT NULL');
      expect(sqliteSchema).toEqual(postgresSchema);
    } finally {
      await a.close();
      await b.close();
      await lite.drop();
      await pg.drop();
    }
  });
});

describeEachDialect('migrating a desk that already has tickets', (dialect) => {
  it('continues ticket numbers where the counters stopped', async () => {
    const database = await createTestDatabase(dialect);
    const handle = open(database);
    try {
      const foundationOnly = new Migrator({
        db: handle.db,
        provider: { getMigrations: async () => ({ [ALL_MIGRATIONS[0]!]: foundation }) },
        migrationTableName: 'schema_migrations',
        migrationLockTableName: 'schema_migrations_lock',
      });
      const { error } = await foundationOnly.migrateToLatest();
      expect(error).toBeUndefined();
      await handle.db.insertInto('counters').values({ name: 'ticket:incident', value: 41 }).execute();
      expect(await migrateToLatest(handle.db)).toEqual(ALL_MIGRATIONS.slice(1));
      const next = await handle.db.transaction().execute((tx) => allocateTicketSequence(tx, 'incident'));
      const firstRequest = await handle.db.transaction().execute((tx) => allocateTicketSequence(tx, 'service_request'));
      expect([next, firstRequest]).toEqual([42, 1]);
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
