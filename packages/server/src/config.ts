import { resolve } from 'node:path';
import { isValidTimeZone } from '@deskside/shared';

/** Everything the process reads from its environment, read once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  demo: boolean;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  secureCookies: boolean;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  webDist: string;
  logLevel: string;
  /** How often the worker sweeps for resolved tickets to auto-close. */
  sweepIntervalMs: number;
  /** Runs a failing job gets before it goes to the dead-letter list. */
  jobMaxAttempts: number;
  /** How long a claimed job stays a worker's without a heartbeat before another worker may take it. */
  jobLeaseMs: number;
  /** Sign-in attempts allowed per client address per minute at one node. */
  loginRatePerMinute: number;
  /** The IANA zone of the office-hours calendar a new desk starts with. */
  timeZone: string;
}

function timeZoneOf(value: string | undefined): string {
  const zone = value || 'UTC';
  if (!isValidTimeZone(zone)) throw new Error(`DESKSIDE_TIME_ZONE must be an IANA time zone such as Europe/Berlin, got ${value}`);
  return zone;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const host = env.HOST ?? '0.0.0.0';
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    demo: env.DESKSIDE_DEMO === '1' || env.DESKSIDE_DEMO === 'true',
    adminEmail: env.DESKSIDE_ADMIN_EMAIL || undefined,
    adminPassword: env.DESKSIDE_ADMIN_PASSWORD || undefined,
    secureCookies: env.DESKSIDE_SECURE_COOKIES === '1' || (env.PUBLIC_URL ?? '').startsWith('https://'),
    sqliteSynchronous: env.DESKSIDE_SQLITE_SYNC === 'NORMAL' ? 'NORMAL' : 'FULL',
    webDist: resolve(env.DESKSIDE_WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    logLevel: env.LOG_LEVEL ?? 'info',
    sweepIntervalMs: Number(env.DESKSIDE_SWEEP_MS ?? 60_000),
    jobMaxAttempts: Number(env.DESKSIDE_JOB_MAX_ATTEMPTS ?? 3),
    jobLeaseMs: Number(env.DESKSIDE_JOB_LEASE_MS ?? 60_000),
    loginRatePerMinute: Number(env.DESKSIDE_LOGIN_RATE_PER_MIN ?? 20),
    timeZone: timeZoneOf(env.DESKSIDE_TIME_ZONE),
  };
}
