import SQLite from 'better-sqlite3';
import { type Generated, type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../src/db/connect.js';
import { GroupCommitError } from '../src/db/sqlite-group-commit.js';
import { AT_BATCH_END } from '../src/db/sqlite-dialect.js';
import { indexTicketText } from '../src/modules/search/index.js';
import { createTestDatabase, type TestDatabase } from './support/test-desk.js';

// Group commit (decision 0012): concurrent SQLite transactions share one COMMIT, each
// inside its own savepoint. These prove that nobody can tell: a failing member undoes
// only itself, nothing is visible before the shared COMMIT, a failed COMMIT is reported
// to every member, and what was acknowledged is on disk.

interface TestTables {
  notes: { id: Generated<number>; owner: string; body: string };
  parents: { id: number };
  children: { id: number; parent_id: number };
}

describe('SQLite group commit', () => {
  let database: TestDatabase;
  let handle: DbHandle;
  /** A separate connection, as another process would see the file. */
  let outsider: SQLite.Database;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    handle = openDatabase({ dataDir: database.env.DATA_DIR! });
    await sql`CREATE TABLE notes (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, body TEXT NOT NULL UNIQUE)`.execute(db());
    await sql`CREATE TABLE parents (id INTEGER PRIMARY KEY)`.execute(handle.db);
    await sql`CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)`.execute(handle.db);
    outsider = new SQLite(handle.file!, { readonly: true });
  });

  afterEach(async () => {
    outsider.close();
    await handle.close();
    await database.drop();
  });

  const insert = (owner: string, body: string) => ({ owner, body });
  const db = () => handle.db as unknown as Kysely<TestTables>;
  const visibleOutside = (owner: string) =>
    (outsider.prepare('SELECT body FROM notes WHERE owner = ? ORDER BY id').all(owner) as { body: string }[]).map((r) => r.body);

  it('a failing transaction in a batch rolls back only itself', async () => {
    const run = (owner: string, fail: boolean) =>
      db().transaction().execute(async (tx) => {
        await tx.insertInto('notes').values(insert(owner, `${owner}-1`)).execute();
        await tx.insertInto('notes').values(insert(owner, `${owner}-2`)).execute();
        if (fail) throw new Error(`${owner} changed its mind`);
      });
    const results = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map((owner) => run(owner, owner === 'c')));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    for (const owner of ['a', 'b', 'd', 'e']) expect(visibleOutside(owner)).toEqual([`${owner}-1`, `${owner}-2`]);
    expect(visibleOutside('c')).toEqual([]);
  });

  it('a statement refused by a constraint undoes its whole transaction, not the batch', async () => {
    const results = await Promise.allSettled([
      db().transaction().execute(async (tx) => {
        await tx.insertInto('notes').values(insert('first', 'shared body')).execute();
      }),
      db().transaction().execute(async (tx) => {
        await tx.insertInto('notes').values(insert('second', 'second own body')).execute();
        await tx.insertInto('notes').values(insert('second', 'shared body')).execute();
      }),
      db().transaction().execute(async (tx) => {
        await tx.insertInto('notes').values(insert('third', 'third body')).execute();
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(visibleOutside('first')).toEqual(['shared body']);
    expect(visibleOutside('second')).toEqual([]);
    expect(visibleOutside('third')).toEqual(['third body']);
  });

  it('a rolled-back transaction leaves nothing, even when it ran alone', async () => {
    await expect(
      db().transaction().execute(async (tx) => {
        await tx.insertInto('notes').values(insert('alone', 'gone')).execute();
        await tx.insertInto('parents').values({ id: 7 }).execute();
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(visibleOutside('alone')).toEqual([]);
    expect(outsider.prepare('SELECT count(*) AS n FROM parents').get()).toEqual({ n: 0 });
  });

  it('nothing of a batch is visible outside it before its COMMIT, and all of it is after', async () => {
    let seenByLaterMember: string[] = [];
    let seenByReader: string[] = [];
    let seenByOutsider: string[] = [];
    const first = db().transaction().execute(async (tx) => {
      await tx.insertInto('notes').values(insert('early', 'early note')).execute();
    });
    const second = db().transaction().execute(async (tx) => {
      // Runs after the first member released its savepoint but before the shared COMMIT.
      const mine = await sql<{ body: string }>`SELECT body FROM notes WHERE owner = 'early'`.execute(tx);
      seenByLaterMember = mine.rows.map((r) => r.body);
      const outside = await sql<{ body: string }>`SELECT body FROM notes WHERE owner = 'early'`.execute(handle.db);
      seenByReader = outside.rows.map((r) => r.body);
      seenByOutsider = visibleOutside('early');
    });
    await Promise.all([first, second]);
    // Serial order, as if the first had committed before the second began...
    expect(seenByLaterMember).toEqual(['early note']);
    // ...but neither this process's readers nor another process saw it uncommitted.
    expect(seenByReader).toEqual([]);
    expect(seenByOutsider).toEqual([]);
    expect(visibleOutside('early')).toEqual(['early note']);
  });

  it('acknowledges a write only once it is committed, for a lone write outside a transaction too', async () => {
    await db().insertInto('notes').values(insert('lone', 'lone note')).execute();
    expect(visibleOutside('lone')).toEqual(['lone note']);
  });

  it('when the shared COMMIT fails, every member hears so and nothing is saved', async () => {
    // A dangling reference under a deferred foreign key is refused only at COMMIT.
    const good = (owner: string) =>
      db().transaction().execute(async (tx) => {
        await tx.insertInto('notes').values(insert(owner, `${owner} note`)).execute();
      });
    const dangling = db().transaction().execute(async (tx) => {
      await tx.insertInto('children').values({ id: 1, parent_id: 99 }).execute();
    });
    const results = await Promise.allSettled([good('before'), dangling, good('after')]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(GroupCommitError);
    }
    expect(visibleOutside('before')).toEqual([]);
    expect(visibleOutside('after')).toEqual([]);
    // The writer carries on with a fresh batch.
    await good('later');
    expect(visibleOutside('later')).toEqual(['later note']);
  });

  it('statements held to the batch end run once its members are done, in order, and only for members that committed', async () => {
    const held = (body: string) => sql`${sql.raw(AT_BATCH_END)} INSERT INTO notes (owner, body) VALUES ('held', ${body})`;
    const results = await Promise.allSettled([
      db().transaction().execute(async (tx) => {
        await held('a1').execute(tx);
        // Held back: the transaction itself does not see it.
        expect(await tx.selectFrom('notes').select('body').where('owner', '=', 'held').execute()).toEqual([]);
        await held('a2').execute(tx);
      }),
      db().transaction().execute(async (tx) => {
        await held('b').execute(tx);
        throw new Error('b changed its mind');
      }),
      db().transaction().execute(async (tx) => {
        await held('c').execute(tx);
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(visibleOutside('held')).toEqual(['a1', 'a2', 'c']);
  });

  it('a held statement that fails fails its whole batch, and nothing of the batch is saved', async () => {
    const results = await Promise.allSettled([
      db().transaction().execute(async (tx) => {
        await tx.insertInto('notes').values(insert('ok', 'ok note')).execute();
      }),
      db().transaction().execute(async (tx) => {
        await sql`${sql.raw(AT_BATCH_END)} INSERT INTO notes (owner, body) VALUES ('dup', 'ok note')`.execute(tx);
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    for (const r of results) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(GroupCommitError);
    expect(visibleOutside('ok')).toEqual([]);
    expect(visibleOutside('dup')).toEqual([]);
  });

  it('search documents written at the batch end add to a ticket\'s document or start it, as before', async () => {
    await sql`CREATE VIRTUAL TABLE ticket_search USING fts5(body, tokenize = 'porter unicode61')`.execute(handle.db);
    const index = (ticketId: number, text: string, isNew?: boolean) =>
      handle.db.transaction().execute((tx) => indexTicketText(tx, { ticketId, visibility: 'public', text, ...(isNew ? { isNew } : {}) }));
    await Promise.all([index(1, 'printer jammed', true), index(2, 'vpn down', true), index(1, 'toner replaced')]);
    await handle.db.transaction().execute(async (tx) => {
      await indexTicketText(tx, { ticketId: 3, visibility: 'internal', text: 'first internal note' });
      await indexTicketText(tx, { ticketId: 3, visibility: 'internal', text: 'second internal note' });
    });
    const docs = outsider.prepare('SELECT rowid AS id, body FROM ticket_search ORDER BY rowid').all();
    expect(docs).toEqual([
      { id: 2, body: 'printer jammed\ntoner replaced' },
      { id: 4, body: 'vpn down' },
      { id: 7, body: 'first internal note\nsecond internal note' },
    ]);
    expect(outsider.prepare("SELECT rowid AS id FROM ticket_search WHERE ticket_search MATCH 'toner'").all()).toEqual([{ id: 2 }]);
  });

  it('keeps every acknowledged write when many transactions race', async () => {
    const owners = Array.from({ length: 200 }, (_, i) => `racer-${i}`);
    await Promise.all(
      owners.map((owner) =>
        db().transaction().execute(async (tx) => {
          await tx.insertInto('notes').values(insert(owner, `${owner} note`)).execute();
        }),
      ),
    );
    await handle.close();
    const reopened = new SQLite(handle.file!, { readonly: true });
    try {
      expect(reopened.prepare("SELECT count(*) AS n FROM notes WHERE owner LIKE 'racer-%'").get()).toEqual({ n: 200 });
    } finally {
      reopened.close();
      handle = openDatabase({ dataDir: database.env.DATA_DIR! });
    }
  });
});
