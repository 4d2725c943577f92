import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Generated, Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.js';
import { GroupCommitSqliteDialect } from '../src/db/sqlite-dialect.js';
import { GroupCommitError } from '../src/db/sqlite-group-commit.js';
import { openWalSync, type WalSync } from '../src/db/sqlite-wal-sync.js';

// Decision 0047: with synchronous=NORMAL a COMMIT only writes the WAL; the writer answers
// a member only after a sync of the WAL that started once its COMMIT had returned. These
// tests give the writer a recording sync whose completion they control.

interface Tables {
  notes: { id: Generated<number>; body: string };
}

interface PendingSync {
  /** What a separate connection saw when the sync started: the COMMIT must be done by then. */
  visibleAtStart: string[];
  finish(): void;
  fail(error: Error): void;
}

describe('SQLite: answers wait for the WAL sync', () => {
  let dir: string;
  let file: string;
  let outsider: SQLite.Database;
  let db: Kysely<Tables>;
  let syncs: PendingSync[];

  const visible = () => (outsider.prepare('SELECT body FROM notes ORDER BY id').all() as { body: string }[]).map((r) => r.body);
  const settled = async (p: Promise<unknown>) => {
    let done = false;
    void p.then(() => (done = true), () => (done = true));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    return done;
  };
  const waitForSyncs = async (n: number) => {
    for (let i = 0; i < 200 && syncs.length < n; i++) await new Promise((r) => setTimeout(r, 5));
    expect(syncs.length).toBe(n);
  };
  const write = (body: string) => db.transaction().execute((tx) => tx.insertInto('notes').values({ body }).execute());

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deskside-walsync-'));
    file = join(dir, 'test.sqlite');
    syncs = [];
    const recording: WalSync = {
      sync: () =>
        new Promise<void>((resolve, reject) => {
          syncs.push({ visibleAtStart: visible(), finish: resolve, fail: reject });
        }),
      close: () => {},
    };
    const writer = new SQLite(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = NORMAL');
    writer.pragma('busy_timeout = 0');
    writer.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const reader = new SQLite(file);
    reader.pragma('query_only = ON');
    outsider = new SQLite(file, { readonly: true });
    db = new Kysely<Tables>({ dialect: new GroupCommitSqliteDialect({ writer, reader, walSync: recording }) });
  });

  afterEach(async () => {
    for (const s of syncs) s.finish();
    await db.destroy().catch(() => {});
    outsider.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a committed batch is answered only once a sync that began after its COMMIT has finished', async () => {
    const first = Promise.all([write('a'), write('b')]);
    await waitForSyncs(1);
    expect(syncs[0]!.visibleAtStart).toEqual(['a', 'b']);
    expect(await settled(first)).toBe(false);
    syncs[0]!.finish();
    await first;
  });

  it('a batch that commits while a sync is under way waits for the next sync', async () => {
    const first = write('first');
    await waitForSyncs(1);
    const second = write('second');
    // Committed and visible, but the sync under way may predate its frames.
    for (let i = 0; i < 50 && !visible().includes('second'); i++) await new Promise((r) => setTimeout(r, 2));
    expect(visible()).toEqual(['first', 'second']);
    syncs[0]!.finish();
    await first;
    expect(await settled(second)).toBe(false);
    await waitForSyncs(2);
    expect(syncs[1]!.visibleAtStart).toEqual(['first', 'second']);
    syncs[1]!.finish();
    await second;
  });

  it('a failed sync fails the batches waiting for it, and nothing later is acknowledged', async () => {
    const first = write('first');
    await waitForSyncs(1);
    syncs[0]!.fail(new Error('EIO'));
    await expect(first).rejects.toBeInstanceOf(GroupCommitError);
    await expect(write('later')).rejects.toBeInstanceOf(GroupCommitError);
  });
});

describe('SQLite: the real WAL sync and the checkpoints', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deskside-walsync-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('syncs the WAL SQLite writes, before and after the log starts over', async () => {
    const file = join(dir, 'real.sqlite');
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.exec('CREATE TABLE t (x)');
    const walSync = openWalSync(file);
    try {
      const walInode = statSync(`${file}-wal`).ino;
      sqlite.prepare('INSERT INTO t VALUES (1)').run();
      await walSync.sync();
      sqlite.pragma('wal_checkpoint(RESTART)');
      sqlite.prepare('INSERT INTO t VALUES (2)').run();
      await walSync.sync();
      // The log started over in the same file: the descriptor still names what SQLite writes.
      expect(statSync(`${file}-wal`).ino).toBe(walInode);
    } finally {
      walSync.close();
      sqlite.close();
    }
  });

  it('checkpoints on another thread: the database file grows while the desk keeps writing', { timeout: 20_000 }, async () => {
    const handle = openDatabase({ dataDir: dir });
    try {
      const notes = handle.db as unknown as Kysely<Tables>;
      await sql`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(notes);
      const before = statSync(handle.file!).size;
      const filler = 'x'.repeat(2000);
      for (let i = 0; i < 100; i++) await notes.transaction().execute((tx) => tx.insertInto('notes').values({ body: `${i} ${filler}` }).execute());
      let size = statSync(handle.file!).size;
      for (let i = 0; i < 200 && size <= before; i++) {
        await new Promise((r) => setTimeout(r, 20));
        size = statSync(handle.file!).size;
      }
      // Without a checkpoint the pages stay in the WAL (the writer's own backstop is ~40 MB).
      expect(size).toBeGreaterThan(before);
    } finally {
      await handle.close();
    }
  });
});
