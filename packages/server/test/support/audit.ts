import { AUDIT_GENESIS_HASH } from '@deskside/shared';
import { sql } from 'kysely';
import { openDatabase, type Db, type DbHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { appendAuditEntry, type NewAuditEntry } from '../../src/modules/audit/index.js';
import type { TestDialect } from './dialects.js';
import { createTestDatabase } from './test-desk.js';

let counter = 0;

/** A plausible identity-action entry: a password reset verified by a callback of record. */
export function sampleEntry(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  counter++;
  return {
    action: 'reset_password',
    outcome: 'executed',
    requestId: `req-${counter}`,
    ticketId: 40 + counter,
    actor: { userId: 7, directoryId: null, name: 'Agent Ada' },
    verifications: [
      { method: 'callback_of_record', verifiedBy: [{ userId: 7, directoryId: null, name: 'Agent Ada' }], evidence: 'Called the number of record ending 0142; the person answered' },
    ],
    approvers: [{ userId: null, directoryId: 'uid=mgr,ou=people', name: 'Manager Mo' }],
    target: { directoryId: `4f1c-${counter}`, displayName: 'Pat Target' },
    before: { locked: true, changeAtNextSignIn: false },
    after: { locked: false, changeAtNextSignIn: true },
    sourceIp: '10.0.0.12',
    occurredAt: 1_764_000_000_000 + counter,
    ...overrides,
  };
}

/** Appends in a transaction of its own; returns the record. */
export function appendOne(db: Db, entry: NewAuditEntry = sampleEntry()) {
  return db.transaction().execute((tx) => appendAuditEntry(tx, entry));
}

/** What an attacker with database access does first: take the guards away. */
export async function dropAuditGuards(db: Db, dialect: TestDialect): Promise<void> {
  if (dialect === 'postgres') {
    for (const [trigger, table] of [
      ['audit_log_append_only', 'audit_log'], ['audit_log_no_truncate', 'audit_log'], ['audit_log_extends_head', 'audit_log'],
      ['audit_chain_head_forward', 'audit_chain_head'], ['audit_chain_head_no_truncate', 'audit_chain_head'],
    ] as const) {
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(trigger)} ON ${sql.raw(table)}`.execute(db);
    }
    return;
  }
  for (const trigger of ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_extends_head', 'audit_chain_head_forward', 'audit_chain_head_no_delete']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.raw(trigger)}`.execute(db);
  }
}

/** Empties the chain of a database whose guards are gone, for the next property run. */
export async function resetChain(db: Db): Promise<void> {
  await db.deleteFrom('audit_log').execute();
  await db.updateTable('audit_chain_head').set({ seq: 0, hash: AUDIT_GENESIS_HASH }).where('id', '=', 1).execute();
}

/** A bare migrated database, no server: for suites that only need the chain. */
export async function openChainDatabase(dialect: TestDialect): Promise<{ handle: DbHandle; close(): Promise<void> }> {
  const database = await createTestDatabase(dialect);
  const handle = openDatabase({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR!, poolSize: 4 });
  await migrateToLatest(handle.db);
  return {
    handle,
    close: async () => {
      await handle.close();
      await database.drop();
    },
  };
}
