import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AuditRecord } from '@deskside/shared';
import { beforeAll, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { canonicalJson, linkHash } from '../src/modules/audit/index.js';
import { appendOne, dropAuditGuards, sampleEntry } from './support/audit.js';
import { describeEachDialect } from './support/dialects.js';
import { createTestDatabase, type TestDatabase } from './support/test-desk.js';

const BIN = fileURLToPath(new URL('../bin/deskside.js', import.meta.url));

/** Runs the real `deskside` command against a test database, as an operator (or a cron job) would. */
function deskside(database: TestDatabase, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATA_DIR: database.env.DATA_DIR, DATABASE_URL: database.env.DATABASE_URL ?? '', DESKSIDE_ADMIN_EMAIL: '', DESKSIDE_DEMO: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describeEachDialect('deskside audit verify and export', (dialect) => {
  beforeAll(() => {
    const build = inject('cliBuild');
    if (!build.ok) throw new Error(`Building shared and server for the CLI tests failed:\n${build.output}`);
  });

  it('verify prints one line and exits 0 on a whole chain, 1 naming the first broken link; export writes JSON lines', async () => {
    const database = await createTestDatabase(dialect);
    const handle = openDatabase({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR!, poolSize: 2 });
    try {
      await migrateToLatest(handle.db);
      const empty = await deskside(database, ['audit', 'verify']);
      expect(empty).toMatchObject({ code: 0, stderr: '' });
      expect(empty.stdout).toBe(`Audit chain OK: 0 entries, head ${'0'.repeat(64)}\n`);

      const records: AuditRecord[] = [];
      for (let i = 0; i < 4; i++) records.push(await appendOne(handle.db, sampleEntry({ requestId: `cli-${i}` })));
      const ok = await deskside(database, ['audit', 'verify']);
      expect(ok).toMatchObject({ code: 0, stderr: '', stdout: `Audit chain OK: 4 entries, head ${records[3]!.hash}\n` });

      const all = await deskside(database, ['audit', 'export']);
      expect(all).toMatchObject({ code: 0, stderr: '' });
      const lines = all.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditRecord);
      expect(lines).toEqual(records);
      for (const line of lines) expect(linkHash(line.prevHash, canonicalJson(line.entry))).toBe(line.hash);
      const since = await deskside(database, ['audit', 'export', '--since', '2', '--format', 'jsonl']);
      expect(since.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as AuditRecord).seq)).toEqual([3, 4]);
      expect(await deskside(database, ['audit', 'export', '--format', 'csv'])).toMatchObject({ code: 2, stdout: '' });
      expect(await deskside(database, ['audit', 'export', '--since', 'yesterday'])).toMatchObject({ code: 2, stdout: '' });

      await dropAuditGuards(handle.db, dialect);
      const forged = canonicalJson({ ...records[2]!.entry, approvers: [] });
      await handle.db.updateTable('audit_log').set({ entry: forged, hash: linkHash(records[1]!.hash, forged) }).where('seq', '=', 3).execute();
      const broken = await deskside(database, ['audit', 'verify']);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toBe(
        'Audit chain BROKEN at seq 4: prev hash mismatch (prev_hash does not match the hash of seq 3); 3 entries verified before it\n',
      );
    } finally {
      await handle.close();
      await database.drop();
    }
    // Nine real processes, each opening the desk: seconds apiece on a busy machine.
  }, 180_000);
});
