import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../src/db/connect.js';
import { notifyAfterCommit } from '../src/db/postgres-dialect.js';
import { postgresAvailable } from './support/dialects.js';
import { createTestDatabase, type TestDatabase } from './support/test-desk.js';

// Decision 0019: notices are sent right after their transaction commits, never
// before it, and never for a transaction (or savepoint) that rolled back.
describe.skipIf(!postgresAvailable)('PostgreSQL notices after commit', () => {
  const CHANNEL = 'deskside_test_after_commit';
  let database: TestDatabase;
  let handle: DbHandle;
  let listener: pg.Client;
  const heard: string[] = [];
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    handle = openDatabase({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR!, poolSize: 2 });
    listener = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await listener.connect();
    listener.on('notification', (msg) => heard.push(msg.payload ?? ''));
    await listener.query(`LISTEN ${CHANNEL}`);
  });

  afterAll(async () => {
    await listener.end();
    await handle.close();
    await database.drop();
  });

  it('holds a notice until the commit, then sends it', async () => {
    heard.length = 0;
    await handle.db.transaction().execute(async (tx) => {
      await notifyAfterCommit(tx, CHANNEL, 'first');
      await notifyAfterCommit(tx, CHANNEL, 'second');
      await settle();
      expect(heard).toEqual([]);
    });
    await settle();
    expect(heard).toEqual(['first', 'second']);
  });

  it('sends nothing for a transaction that rolled back', async () => {
    heard.length = 0;
    await expect(
      handle.db.transaction().execute(async (tx) => {
        await notifyAfterCommit(tx, CHANNEL, 'never');
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    await handle.db.transaction().execute((tx) => notifyAfterCommit(tx, CHANNEL, 'after'));
    await settle();
    expect(heard).toEqual(['after']);
  });

  it('forgets notices of a savepoint rolled back inside a committed transaction', async () => {
    heard.length = 0;
    const trx = await handle.db.startTransaction().execute();
    await notifyAfterCommit(trx, CHANNEL, 'kept');
    const inner = await trx.savepoint('maybe').execute();
    await notifyAfterCommit(inner, CHANNEL, 'undone');
    await inner.rollbackToSavepoint('maybe').execute();
    await trx.commit().execute();
    await settle();
    expect(heard).toEqual(['kept']);
  });

  it('sends at once outside a transaction', async () => {
    heard.length = 0;
    await notifyAfterCommit(handle.db, CHANNEL, 'now');
    await settle();
    expect(heard).toEqual(['now']);
  });
});
