import { createHash } from 'node:crypto';
import { ACCESS_ACTIONS, ACCESS_REQUEST_STATES, AUDIT_GENESIS_HASH } from '@deskside/shared';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/connect.js';
import { DomainError } from '../src/errors.js';
import { appendAuditEntry, canonicalJson, findSecretField, linkHash, verifyAuditChain, type NewAuditEntry } from '../src/modules/audit/index.js';
import { appendOne, dropAuditGuards, openChainDatabase, resetChain, sampleEntry } from './support/audit.js';
import { describeEachDialect } from './support/dialects.js';
import { createTestDatabase, startNode, useTestDesk, type TestDatabase } from './support/test-desk.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const rows = (db: Db) => db.selectFrom('audit_log').selectAll().orderBy('seq').execute();

describeEachDialect('appending to the audit log', (dialect) => {
  const desk = useTestDesk(dialect);

  it('links each entry to the one before: seq 1..n, prev_hash, SHA-256(prev_hash || canonical entry)', async () => {
    const first = await appendOne(desk.db);
    const second = await appendOne(desk.db, sampleEntry({ action: 'unlock_account', before: null, after: null, sourceIp: '::1' }));
    const stored = await rows(desk.db);
    expect(stored.map((r) => r.seq)).toEqual([1, 2]);
    expect(stored[0]).toEqual({ seq: 1, prev_hash: AUDIT_GENESIS_HASH, hash: first.hash, entry: canonicalJson(first.entry) });
    expect(stored[1]!.prev_hash).toBe(first.hash);
    for (const row of stored) expect(row.hash).toBe(sha256(row.prev_hash + row.entry));
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(second.entry).toMatchObject({ v: 1, action: 'unlock_account', sourceIp: '::1', occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
    expect(JSON.parse(stored[0]!.entry)).toEqual(first.entry);
    expect(await verifyAuditChain(desk.db)).toEqual({ ok: true, count: 2, headHash: second.hash });
  });

  it('commits with the caller\'s transaction: a rollback leaves no entry and no gap', async () => {
    const { count } = (await verifyAuditChain(desk.db)) as { count: number };
    await expect(
      desk.db.transaction().execute(async (tx) => {
        await appendAuditEntry(tx, sampleEntry());
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    const next = await appendOne(desk.db);
    expect(next.seq).toBe(count + 1);
    expect((await rows(desk.db)).map((r) => r.seq)).toEqual(Array.from({ length: count + 1 }, (_, i) => i + 1));
  });

  it('refuses entries that carry or look like a secret (422 naming the field, never the value) and writes nothing', async () => {
    const before = (await rows(desk.db)).length;
    const secret = 'Tr0ub4dor&3-never-stored';
    const attempts = [
      [sampleEntry({ before: { password: secret } }), 'entry.before.password'],
      [sampleEntry({ after: { locked: false, reset: [{ tempCode: secret }] } }), 'entry.after.reset[0].tempCode'],
      [{ ...sampleEntry(), otp: secret }, 'entry.otp'],
      [sampleEntry({ verifications: [{ method: 'directory_otp', verifiedBy: [{ userId: null, directoryId: 'u1', name: 'Pat' }], evidence: `code: ${secret}` }] }), 'entry.verifications[0].evidence'],
    ] as const;
    for (const [entry, field] of attempts) {
      const error = await desk.db.transaction().execute((tx) => appendAuditEntry(tx, entry)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ status: 422, extra: { field } });
      expect(String((error as Error).message)).not.toContain(secret);
    }
    expect((await rows(desk.db)).length).toBe(before);
    expect((await rows(desk.db)).some((r) => r.entry.includes(secret))).toBe(false);
  });

  it('validates the entry: approved methods and actions only, real addresses, small state', async () => {
    const refusals: [Parameters<typeof sampleEntry>[0], string][] = [
      [{ sourceIp: 'not-an-ip' }, 'entry.sourceIp'],
      [{ action: 'drop_database' as never }, 'entry.action'],
      [{ verifications: [{ method: 'knowledge_questions' as never, verifiedBy: [{ userId: 1, directoryId: null, name: 'A' }], evidence: 'asked the birth date' }] }, 'entry.verifications.0.method'],
      [{ target: { directoryId: '', displayName: 'Nobody' } }, 'entry.target.directoryId'],
      [{ approvers: [{ userId: null, directoryId: null, name: 'Anonymous' }] }, 'entry.approvers.0'],
      [{ before: { blob: 'x'.repeat(5000) } }, 'entry.before'],
      [{ occurredAt: Number.NaN }, 'entry.occurredAt'],
    ];
    for (const [overrides, field] of refusals) {
      await expect(desk.db.transaction().execute((tx) => appendAuditEntry(tx, sampleEntry(overrides)))).rejects.toMatchObject({ status: 422, extra: { field } });
    }
  });

  it('the database itself refuses UPDATE, DELETE, a head moved by hand and an entry that does not extend the head', async () => {
    await appendOne(desk.db);
    const head = await desk.db.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    const attempts = [
      sql`UPDATE audit_log SET entry = '{}' WHERE seq = 1`,
      sql`DELETE FROM audit_log WHERE seq = 1`,
      sql`DELETE FROM audit_log`,
      sql`DELETE FROM audit_chain_head`,
      sql`UPDATE audit_chain_head SET seq = seq - 1`,
      sql`UPDATE audit_chain_head SET seq = seq + 1`,
      sql`INSERT INTO audit_log (seq, prev_hash, hash, entry) VALUES (${head.seq + 5}, ${head.hash}, ${'a'.repeat(64)}, '{}')`,
      sql`INSERT INTO audit_log (seq, prev_hash, hash, entry) VALUES (${head.seq + 1}, ${AUDIT_GENESIS_HASH}, ${'a'.repeat(64)}, '{}')`,
      ...(dialect === 'postgres' ? [sql`TRUNCATE audit_log`, sql`TRUNCATE audit_chain_head CASCADE`] : []),
    ];
    for (const statement of attempts) await expect(statement.execute(desk.db)).rejects.toThrow(/append-only|extend the chain head|only moves|does not extend/);
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: true, count: head.seq, headHash: head.hash });
  });

  it('many concurrent transactions never fork the chain', async () => {
    const { count } = (await verifyAuditChain(desk.db)) as { count: number };
    const appended = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        desk.db.transaction().execute(async (tx) => {
          // Work before and after the append widens the window in which two could race.
          await tx.selectFrom('users').select('id').limit(1).execute();
          const record = await appendAuditEntry(tx, sampleEntry({ requestId: `concurrent-${i}` }));
          await tx.selectFrom('audit_log').select('seq').where('seq', '=', record.seq).execute();
          return record;
        }),
      ),
    );
    expect(new Set(appended.map((r) => r.seq)).size).toBe(40);
    expect(new Set(appended.map((r) => r.prevHash)).size).toBe(40);
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: true, count: count + 40 });
  });
});

describeEachDialect('two desk nodes appending to one database at once', (dialect) => {
  let database: TestDatabase;
  const nodes: Awaited<ReturnType<typeof startNode>>[] = [];
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    nodes.push(await startNode(database), await startNode(database));
  });
  afterAll(async () => {
    for (const node of nodes) await node.close();
    await database.drop();
  });

  it('interleave into one chain that verifies from either node', async () => {
    const perNode = 30;
    await Promise.all(
      nodes.flatMap((node, n) =>
        Array.from({ length: perNode }, (_, i) => node.db.transaction().execute((tx) => appendAuditEntry(tx, sampleEntry({ requestId: `node${n}-${i}` })))),
      ),
    );
    const [a, b] = [await verifyAuditChain(nodes[0]!.db), await verifyAuditChain(nodes[1]!.db)];
    expect(a).toMatchObject({ ok: true, count: 2 * perNode });
    expect(b).toEqual(a);
    const requestIds = (await rows(nodes[0]!.db)).map((r) => (JSON.parse(r.entry) as { requestId: string }).requestId);
    expect(new Set(requestIds).size).toBe(2 * perNode);
  });
});

describeEachDialect('verify names the first broken link after tampering in the database', (dialect) => {
  let chain: Awaited<ReturnType<typeof openChainDatabase>>;
  let db: Db;
  beforeAll(async () => {
    chain = await openChainDatabase(dialect);
    db = chain.handle.db;
    await dropAuditGuards(db, dialect);
  });
  afterAll(() => chain.close());

  /** A fresh chain of n links; returns their hashes by seq (index 0 unused). */
  async function freshChain(n: number, entries: NewAuditEntry[] = []): Promise<string[]> {
    await resetChain(db);
    const hashes = [AUDIT_GENESIS_HASH];
    for (let i = 0; i < n; i++) hashes.push((await appendOne(db, entries[i] ?? sampleEntry())).hash);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: n, headHash: hashes[n] });
    return hashes;
  }
  const entryAt = async (seq: number) => (await db.selectFrom('audit_log').select('entry').where('seq', '=', seq).executeTakeFirstOrThrow()).entry;
  const setRow = (seq: number, values: Partial<{ seq: number; prev_hash: string; hash: string; entry: string }>) =>
    db.updateTable('audit_log').set(values).where('seq', '=', seq).execute();
  const edited = async (seq: number, edit: (entry: Record<string, unknown>) => void) => {
    const entry = JSON.parse(await entryAt(seq)) as Record<string, unknown>;
    edit(entry);
    return canonicalJson(entry);
  };

  it('an edited field: hash mismatch at that seq', async () => {
    await freshChain(6);
    await setRow(3, { entry: await edited(3, (e) => ((e.target as { displayName: string }).displayName = 'Someone Else')) });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 3, problem: 'hash_mismatch', verified: 2 });
  });

  it('a deleted row: a gap at its seq; the last row deleted: the head remembers it', async () => {
    await freshChain(6);
    await db.deleteFrom('audit_log').where('seq', '=', 4).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 4, problem: 'seq_gap', verified: 3 });
    await freshChain(6);
    await db.deleteFrom('audit_log').where('seq', '=', 6).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 6, problem: 'head_mismatch', verified: 5 });
  });

  it('two rows swapped: prev_hash mismatch at the first of them', async () => {
    await freshChain(6);
    await setRow(2, { seq: -2 });
    await setRow(3, { seq: 2 });
    await setRow(-2, { seq: 3 });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 2, problem: 'prev_hash_mismatch', verified: 1 });
  });

  it('an edit with its own hash recomputed: the next link breaks; at the end, the head does', async () => {
    const hashes = await freshChain(6);
    const forged = await edited(3, (e) => (e.outcome = 'refused'));
    await setRow(3, { entry: forged, hash: linkHash(hashes[2]!, forged) });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 4, problem: 'prev_hash_mismatch', verified: 3 });

    const again = await freshChain(6);
    const last = await edited(6, (e) => (e.approvers = []));
    await setRow(6, { entry: last, hash: linkHash(again[5]!, last) });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 6, problem: 'head_mismatch' });
  });

  it('a row slipped in beyond the head is named too', async () => {
    const hashes = await freshChain(3);
    const entry = canonicalJson({ forged: true });
    await db.insertInto('audit_log').values({ seq: 4, prev_hash: hashes[3]!, hash: linkHash(hashes[3]!, entry), entry }).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 4, problem: 'head_mismatch' });
  });

  it('property: any sequence of appends verifies; any single-field tamper is caught at exactly that seq', async () => {
    const safeState = fc
      .dictionary(fc.constantFrom('locked', 'groups', 'enabled', 'seat', 'note'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
      .filter((s) => findSecretField(s) === null && canonicalJson(s).length < 2_000);
    const entry = fc.record({
      action: fc.constantFrom(...ACCESS_ACTIONS),
      outcome: fc.constantFrom(...ACCESS_REQUEST_STATES),
      displayName: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => findSecretField(s) === null),
      before: fc.option(safeState, { nil: null }),
      occurredAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    }).map(({ displayName, before, ...rest }) => sampleEntry({ ...rest, before: before as NewAuditEntry['before'], target: { directoryId: 'id-1', displayName } }));
    const tamper = fc.constantFrom('entry', 'hash', 'prev_hash', 'seq');

    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 7 }), fc.nat(), tamper, fc.integer({ min: 1, max: 4 }), async (entries, pick, field, batchSize) => {
        const n = entries.length;
        const hashes = await freshChain(n, entries);
        expect(await verifyAuditChain(db, { batchSize })).toEqual({ ok: true, count: n, headHash: hashes[n] });
        const k = (pick % n) + 1;
        if (field === 'entry') await setRow(k, { entry: await edited(k, (e) => (e.target = { directoryId: 'id-2', displayName: 'Tampered' })) });
        if (field === 'hash') await setRow(k, { hash: sha256(`forged ${k}`) });
        if (field === 'prev_hash') await setRow(k, { prev_hash: sha256(`forged ${k}`) });
        if (field === 'seq') await setRow(k, { seq: n + 100 });
        const expected = { entry: 'hash_mismatch', hash: 'hash_mismatch', prev_hash: 'prev_hash_mismatch', seq: k === n ? 'head_mismatch' : 'seq_gap' }[field];
        expect(await verifyAuditChain(db, { batchSize })).toMatchObject({ ok: false, brokenAt: k, problem: expected, verified: k - 1 });
      }),
      { numRuns: 25 },
    );
  });
});
