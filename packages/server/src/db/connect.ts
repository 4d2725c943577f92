import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './types.js';

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
}

// COUNT(*) and bigint columns (our epoch-ms timestamps) come back from pg as strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function openDatabase(config: DbConfig): DbHandle {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize ?? 10 });
    // An idle client whose server connection dies (restart, failover) emits 'error' on the pool;
    // unhandled, that ends the process. The pool drops the client and the next query reconnects.
    pool.on('error', (err) => config.onIdleError?.(err));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', file: null, close: () => db.destroy() };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'deskside.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${config.sqliteSynchronous ?? 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', file, close: () => db.destroy() };
}
