import type SQLite from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { GroupCommitWriter } from './sqlite-group-commit.js';
import type { Checkpointer } from './sqlite-checkpointer.js';
import type { WalSync } from './sqlite-wal-sync.js';

// Preparing a statement cost 13 % of the server's time when every query was prepared
// anew; the app issues a few dozen distinct statements. The cap only guards against
// statements whose text varies (IN lists of different lengths).
const STATEMENT_CACHE_SIZE = 500;

class StatementCache {
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(private readonly db: SQLite.Database) {}

  get(sql: string): SQLite.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function run<R>(statement: SQLite.Statement, parameters: readonly unknown[]): QueryResult<R> {
  if (statement.reader) return { rows: statement.all(parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/**
 * A statement that starts with this comment, run inside a transaction, is held back and
 * run when the transaction's batch is about to COMMIT, after every member, in order; if
 * the member rolls back it never runs, and if it fails the whole batch fails. The search
 * index uses it (decision 0049): FTS5 writes a new segment at every savepoint, so one
 * write per batch instead of one per member. Nothing in the transaction may read what it writes.
 */
export const AT_BATCH_END = '/* deskside:at-batch-end */';

/** Two connections to one file: the group-committing writer and a query-only reader. */
export interface SqliteConnections {
  writer: SQLite.Database;
  reader: SQLite.Database;
  /** Set when the writer runs synchronous=NORMAL and durability is ours (decision 0047). */
  walSync?: WalSync;
  /** Checkpoints off the event loop (decision 0048). */
  checkpointer?: Checkpointer;
}

/**
 * One use of the database by Kysely: a transaction (between beginTransaction and
 * commit/rollback) runs on the writer inside its savepoint; anything else reads from
 * the reader, which sees committed data only, and a lone write becomes a
 * one-statement transaction of its own.
 */
class Lease implements DatabaseConnection {
  savepoint: string | null = null;
  /** This transaction's statements marked AT_BATCH_END, in order; and how many each nested savepoint began with. */
  atBatchEnd: CompiledQuery[] = [];
  readonly marks = new Map<string, number>();

  constructor(private readonly driver: GroupCommitDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { writer, writes, reads } = this.driver;
    if (this.driver.exclusive !== null && this.savepoint === null) return run<R>(writes.get(query.sql), query.parameters);
    if (this.savepoint !== null) {
      if (query.sql.startsWith(AT_BATCH_END)) {
        this.atBatchEnd.push(query);
        return { rows: [] };
      }
      return run<R>(writes.get(query.sql), query.parameters);
    }
    const read = reads.get(query.sql);
    if (read.readonly) {
      try {
        return run<R>(read, query.parameters);
      } catch (error) {
        // Judged read-only against the reader's older copy of the schema (DROP … IF EXISTS
        // of something it did not know yet); query_only refused it before it changed anything.
        if ((error as { code?: unknown }).code !== 'SQLITE_READONLY') throw error;
      }
    }
    const name = await writer.enter();
    let result: QueryResult<R>;
    try {
      result = run<R>(writes.get(query.sql), query.parameters);
    } catch (error) {
      writer.rollback(name);
      throw error;
    }
    await writer.commit(name);
    return result;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { writes, reads } = this.driver;
    const statement = this.savepoint !== null || this.driver.exclusive !== null ? writes.get(query.sql) : reads.get(query.sql);
    if (!statement.reader) throw new Error('only queries that return rows can be streamed');
    for (const row of statement.iterate(query.parameters)) yield { rows: [row as R] };
  }
}

class GroupCommitDriver implements Driver {
  /** Set while `exclusive` runs: every statement goes to the writer, inside its one savepoint. */
  exclusive: string | null = null;
  readonly writer: GroupCommitWriter;
  readonly writes: StatementCache;
  readonly reads: StatementCache;
  private nested = 0;

  constructor(private readonly connections: SqliteConnections) {
    const { walSync, checkpointer } = connections;
    this.writer = new GroupCommitWriter(connections.writer, { walSync, onCommitted: checkpointer && (() => checkpointer.committed()) });
    this.writes = new StatementCache(connections.writer);
    this.reads = new StatementCache(connections.reader);
  }

  async init(): Promise<void> {}

  /**
   * Runs `fn` holding the writer and the file's write lock throughout, with every
   * statement of this database (reads too) on the writer, committed once at the end or
   * not at all. Transactions begun meanwhile nest as savepoints.
   */
  async runExclusive<T>(fn: () => Promise<T>): Promise<T> {
    const name = await this.writer.enter();
    this.exclusive = name;
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      this.exclusive = null;
      this.writer.rollback(name);
      throw error;
    }
    this.exclusive = null;
    await this.writer.commit(name);
    return result;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Lease(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    lease.atBatchEnd = [];
    lease.marks.clear();
    if (this.exclusive !== null) {
      lease.savepoint = `x_${this.exclusive}_${++this.nested}`;
      this.connections.writer.exec(`SAVEPOINT ${lease.savepoint}`);
      return;
    }
    lease.savepoint = await this.writer.enter();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    const name = lease.savepoint!;
    if (this.exclusive !== null) {
      lease.savepoint = null;
      this.connections.writer.exec(`RELEASE ${name}`);
      for (const query of lease.atBatchEnd.splice(0)) run(this.writes.get(query.sql), query.parameters);
      return;
    }
    const held = lease.atBatchEnd;
    lease.savepoint = null;
    lease.atBatchEnd = [];
    const atBatchEnd = held.length === 0 ? undefined : () => {
      for (const query of held) run(this.writes.get(query.sql), query.parameters);
    };
    await this.writer.commit(name, atBatchEnd);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    const name = lease.savepoint!;
    lease.savepoint = null;
    lease.atBatchEnd = [];
    if (this.exclusive !== null) {
      this.connections.writer.exec(`ROLLBACK TO ${name}`);
      this.connections.writer.exec(`RELEASE ${name}`);
      return;
    }
    this.writer.rollback(name);
  }

  // Savepoints inside a transaction nest within the member's own savepoint; statements
  // held for the batch's end follow them.
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    this.connections.writer.exec(`SAVEPOINT "${name}"`);
    const lease = connection as Lease;
    lease.marks.set(name, lease.atBatchEnd.length);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    this.connections.writer.exec(`ROLLBACK TO "${name}"`);
    const lease = connection as Lease;
    lease.atBatchEnd.length = lease.marks.get(name) ?? lease.atBatchEnd.length;
  }

  async releaseSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.connections.writer.exec(`RELEASE "${name}"`);
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.writer.close();
    await this.writer.drain();
    await this.connections.checkpointer?.close();
    this.connections.walSync?.close();
    this.connections.reader.close();
    this.connections.writer.close();
  }
}

/** Kysely's SQLite SQL and introspection over the group-committing driver. */
export class GroupCommitSqliteDialect implements Dialect {
  private driver: GroupCommitDriver | null = null;

  constructor(private readonly connections: SqliteConnections) {}

  createDriver(): Driver {
    this.driver = new GroupCommitDriver(this.connections);
    return this.driver;
  }

  /** Runs `fn` as the only writer of the file, in one transaction (see GroupCommitDriver.runExclusive). */
  runExclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.driver) throw new Error('the database is not open');
    return this.driver.runExclusive(fn);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
