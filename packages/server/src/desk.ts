import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';
import { openDatabase, type DbHandle } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import type { AppContext } from './http/app-context.js';
import { postgresChangeFeed, sqliteChangeFeed } from './live/change-feed.js';
import { ensureDeskDefaults } from './modules/identity/ensure-desk-defaults.js';
import { ensureSlaDefaults } from './modules/sla/index.js';

/** The desk's logger; tests pass a destination to read what it wrote. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    // Secrets never reach the log, even when a request is logged whole.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', '*.password', '*.token', '*.secret', '*.recoveryCodes'],
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A running desk's shared state: the migrated database, the change feed and the clock. */
export interface Desk {
  handle: DbHandle;
  ctx: AppContext;
  close(): Promise<void>;
}

/** Opens the database, brings the schema up to date and makes sure the desk has its default groups, calendars and SLA policy. */
export async function openDesk(config: Config, log: Logger = createLogger(config)): Promise<Desk> {
  const handle = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    sqliteSynchronous: config.sqliteSynchronous,
    onIdleError: (err) => log.warn({ err }, 'an idle database connection was lost; it will be replaced'),
    onNotifyError: (err) => log.warn({ err }, 'a change notice could not be sent after its commit; desks catch up on their next refresh'),
  });
  const applied = await migrateToLatest(handle.db);
  if (applied.length > 0) log.info({ applied }, 'database migrated');
  await ensureDeskDefaults(handle.db, Date.now());
  await ensureSlaDefaults(handle.db, config.timeZone, Date.now());
  const feed = handle.dialect === 'postgres' ? postgresChangeFeed(config.databaseUrl!, log) : sqliteChangeFeed(handle.db, log);
  const ctx: AppContext = { db: handle.db, dialect: handle.dialect, config, log, feed, now: () => Date.now() };
  return {
    handle,
    ctx,
    close: async () => {
      await feed.close();
      await handle.close();
    },
  };
}
