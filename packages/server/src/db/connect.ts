import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Transaction } from 'kysely';
import pg from 'pg';
import { DeferredNotifyPostgresDialect } from './postgres-dialect.js';
import { GroupCommitSqliteDialect } from './sqlite-dialect.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { openWalSync } from './sqlite-wal-sync.js';
import type { Database } from './types.js';

/** The writer's own automatic checkpoint, a backstop behind the checkpoint thread (decision 0048): ~40 MB of WAL. */
const WAL_BACKSTOP_PAGES = 10_000;

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

/** One open database: the query builder plus what the rest of the app needs to know about it. */
export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** Where SQLite keeps its file; null on PostgreSQL. */
  file: string | null;
  close(): Promise<void>;
}

export interface DbConfig {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** SQLite only: FULL fsyncs every commit (default), NORMAL trades power-loss safety for speed. */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  poolSize?: number;
  /** Told when an idle PostgreSQL connection is lost; the pool replaces it by itself. */
  onIdleError?: (err: Error) => void;
  /** Told when a notice queued with notifyAfterCommit could not be sent after its commit. */
  onNotifyError?: (err: Error) => void;
}

// COUNT(*) and bigint columns (our epoch-ms timestamps) come back from pg as strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

const exclusiveRunners = new WeakMap<Db, GroupCommitSqliteDialect>();

/**
 * On SQLite, runs `fn` as the file's only writer, in one transaction; elsewhere just runs
 * it. Kysely takes no migration lock on SQLite and runs each DDL statement on its own;
 * while an answer waits for the WAL's sync (decision 0047) the file's lock is free, so two
 * nodes migrating at once would interleave their statements.
 */
export function runAsOnlyWriter<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const runner = exclusiveRunners.get(db);
  return runner ? runner.runExclusive(fn) : fn();
}

export function openDatabase(config: DbConfig): DbHandle {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize ?? 10 });
    // An idle client whose server connection dies (restart, failover) emits 'error' on the pool;
    // unhandled, that ends the process. The pool drops the client and the next query reconnects.
    pool.on('error', (err) => config.onIdleError?.(err));
    const onNotifyError = (err: unknown) => config.onNotifyError?.(err instanceof Error ? err : new Error(String(err)));
    const db = new Kysely<Database>({ dialect: new DeferredNotifyPostgresDialect(pool, onNotifyError) });
    return { db, dialect: 'postgres', file: null, close: () => db.destroy() };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'deskside.sqlite');
  const writer = openSqlite(file, 32);
  writer.pragma('journal_mode = WAL');
  // FULL (the default) keeps decision 0004's promise with our own fdatasync of the WAL in
  // the thread pool before anything is acknowledged (decision 0047), instead of SQLite's
  // fsync inside COMMIT, which blocked the event loop; SQLite itself runs NORMAL.
  const durable = (config.sqliteSynchronous ?? 'FULL') === 'FULL';
  writer.pragma('synchronous = NORMAL');
  // Lets SQLite keep the planner's statistics (sqlite_stat1) up to date cheaply; without
  // them it picked a status index that made a search read every ticket (BENCHMARKS.md).
  // analysis_limit keeps that ANALYZE to a sample, so opening a large desk stays quick.
  writer.pragma('analysis_limit = 1000');
  writer.pragma('optimize = 0x10002');
  // The writer waits for the lock without blocking the event loop (sqlite-group-commit.ts).
  writer.pragma('busy_timeout = 0');
  // Each transaction is a savepoint there; its undo journal then lives in memory, not a temp file.
  writer.pragma('temp_store = MEMORY');
  const reader = openSqlite(file, 48);
  reader.pragma('query_only = ON');
  // Checkpoints run on a worker thread; this backstop (about 40 MB of WAL) only acts if it falls behind.
  writer.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  const walSync = durable ? openWalSync(file) : undefined;
  const checkpointer = startCheckpointer(file);
  const dialect = new GroupCommitSqliteDialect({ writer, reader, checkpointer, ...(walSync ? { walSync } : {}) });
  const db = new Kysely<Database>({ dialect });
  exclusiveRunners.set(db, dialect);
  return { db, dialect: 'sqlite', file, close: () => db.destroy() };
}

/** A connection with our settings; the page cache (MB) is split between writer and reader. */
function openSqlite(file: string, cacheMb: number): SQLite.Database {
  const sqlite = new SQLite(file);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma(`cache_size = -${cacheMb * 1024}`);
  return sqlite;
}
