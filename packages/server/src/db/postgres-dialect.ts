import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  PostgresAdapter,
  PostgresDialect,
  type QueryCompiler,
  type QueryExecutorProvider,
  type QueryResult,
  type TransactionSettings,
  sql,
} from 'kysely';
import type pg from 'pg';

/**
 * The statement notifyAfterCommit issues. It never reaches PostgreSQL: the driver
 * below recognises it, keeps the notice and sends it once the transaction commits.
 */
const DEFERRED_NOTIFY = 'SELECT $1 AS deskside_notify_after_commit, $2 AS payload';

/**
 * Queues a NOTIFY that PostgreSQL sends right after this transaction commits, and
 * never if it rolls back (decision 0019). A NOTIFY inside the transaction made
 * PostgreSQL hold one lock per database from its commit until its WAL flush, so
 * every notifying transaction committed alone: creates stopped at ~370/s with the
 * server two-thirds idle. Outside a transaction it is sent at once. SQLite: no-op.
 */
export async function notifyAfterCommit(q: QueryExecutorProvider, channel: string, payload: string): Promise<void> {
  if (!(q.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`SELECT ${channel} AS deskside_notify_after_commit, ${payload} AS payload`.execute(q);
}

class DeferringConnection implements DatabaseConnection {
  inTransaction = false;
  pending: { channel: string; payload: string }[] = [];
  /** How many notices were pending when each savepoint was taken, to drop those a rollback undoes. */
  savepoints = new Map<string, number>();

  constructor(readonly inner: DatabaseConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (query.sql !== DEFERRED_NOTIFY) return this.inner.executeQuery<R>(query);
    const [channel, payload] = query.parameters as [string, string];
    if (this.inTransaction) this.pending.push({ channel, payload });
    else await this.send([{ channel, payload }]);
    return { rows: [] };
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }

  async send(notices: { channel: string; payload: string }[]): Promise<void> {
    await this.inner.executeQuery(
      CompiledQuery.raw('SELECT pg_notify(n.channel, n.payload) FROM unnest($1::text[], $2::text[]) AS n (channel, payload)', [
        notices.map((n) => n.channel),
        notices.map((n) => n.payload),
      ]),
    );
  }
}

class DeferringDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly onNotifyError: (err: unknown) => void,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new DeferringConnection(await this.inner.acquireConnection());
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as DeferringConnection;
    await this.inner.beginTransaction(c.inner, settings);
    c.inTransaction = true;
    c.pending = [];
    c.savepoints.clear();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as DeferringConnection;
    await this.inner.commitTransaction(c.inner);
    c.inTransaction = false;
    const notices = c.pending;
    c.pending = [];
    // The change is committed whatever happens here; a lost notice costs a desk one
    // live refresh, never data, so the caller still hears success.
    if (notices.length > 0) await c.send(notices).catch(this.onNotifyError);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as DeferringConnection;
    c.inTransaction = false;
    c.pending = [];
    await this.inner.rollbackTransaction(c.inner);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    const c = connection as DeferringConnection;
    await this.inner.savepoint!(c.inner, name, compile);
    c.savepoints.set(name, c.pending.length);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    const c = connection as DeferringConnection;
    await this.inner.rollbackToSavepoint!(c.inner, name, compile);
    c.pending.length = c.savepoints.get(name) ?? c.pending.length;
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.releaseSavepoint!((connection as DeferringConnection).inner, name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as DeferringConnection).inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** Kysely's PostgreSQL dialect, with NOTIFYs queued by notifyAfterCommit sent after the commit. */
export class DeferredNotifyPostgresDialect extends PostgresDialect {
  constructor(
    pool: pg.Pool,
    private readonly onNotifyError: (err: unknown) => void,
  ) {
    super({ pool });
  }

  override createDriver(): Driver {
    return new DeferringDriver(super.createDriver(), this.onNotifyError);
  }
}
