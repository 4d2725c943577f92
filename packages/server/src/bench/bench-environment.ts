import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import SQLite from 'better-sqlite3';
import pg from 'pg';

/** A database created for one run on the server DATABASE_URL points at. */
export interface PostgresDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh, uniquely named database next to the one in `serverUrl`. */
let databasesCreated = 0;

export async function createPostgresDatabase(serverUrl: string): Promise<PostgresDatabase> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  // Several suites of one run create databases in turn: the counter keeps their names apart.
  const name = `deskside_bench_${stamp}_${process.pid}_${++databasesCreated}`;
  await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withAdminClient(serverUrl, async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** Size of a database in MB: the SQLite file and its WAL, or pg_database_size. */
export async function databaseSizeMb(file: string | null, databaseUrl: string | undefined): Promise<number> {
  if (databaseUrl) {
    return withAdminClient(databaseUrl, async (c) => {
      const { rows } = await c.query<{ bytes: string }>('SELECT pg_database_size(current_database())::text AS bytes');
      return Math.round(Number(rows[0]!.bytes) / 1048576);
    });
  }
  const db = new SQLite(file!, { readonly: true });
  try {
    const pages = db.pragma('page_count', { simple: true }) as number;
    const size = db.pragma('page_size', { simple: true }) as number;
    return Math.round((pages * size) / 1048576);
  } finally {
    db.close();
  }
}

/** What the numbers were measured on. */
export async function machineInfo(databaseUrl: string | undefined) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const sqlite = new SQLite(':memory:');
  const sqliteVersion = (sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  sqlite.close();
  let postgresVersion: string | null = null;
  if (databaseUrl) {
    postgresVersion = await withAdminClient(databaseUrl, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v).catch(
      () => null,
    );
  }
  return {
    cpus: availableParallelism(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1073741824),
    node: process.version,
    sqlite: sqliteVersion,
    postgres: postgresVersion,
  };
}
