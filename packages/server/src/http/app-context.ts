import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db, Dialect } from '../db/connect.js';
import type { ChangeFeed } from '../live/change-feed.js';

/** What the HTTP layer, the CLI and the worker share for one running desk. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  config: Config;
  log: Logger;
  feed: ChangeFeed;
  now: () => number;
}
