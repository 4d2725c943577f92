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
  /** Outbound mail (decision 0023); without an SMTP URL mail is recorded and marked skipped, never sent. */
  mail: MailConfig;
  /** DESKSIDE_SECRET_KEY: seals stored TOTP secrets (decision 0032); unset, they are stored as they are. */
  secretKey?: string;
}

export interface MailConfig {
  /** smtp://host:port or smtps://user:pass@host:465; holds a secret, so log it only through redactUrl. */
  smtpUrl: string | undefined;
  /** The From header, e.g. "IT Support <support@example.com>". */
  from: string;
  /** Right-hand side of Message-IDs and of the per-ticket reply addresses. */
  domain: string;
  /** host:port the inbound SMTP listener binds to (decision 0024); unset: no listener. */
  listen?: string;
  /** Automatic mails (notices, not people's replies) one address gets per 24 hours at most: the last guard against mail loops. */
  dailyAutoCap?: number;
}

/** A URL safe to log: its password replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Enough for a busy ticket's notices in a day; far below what a loop with an auto-responder produces. */
export const DEFAULT_DAILY_AUTO_CAP = 20;

function mailConfigOf(env: NodeJS.ProcessEnv, publicUrl: string): MailConfig {
  const smtpUrl = env.DESKSIDE_SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new Error(`DESKSIDE_SMTP_URL must start with smtp:// or smtps://, got ${redactUrl(smtpUrl)}`);
  const domain = (env.DESKSIDE_MAIL_DOMAIN || new URL(publicUrl).hostname).toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(domain)) throw new Error(`DESKSIDE_MAIL_DOMAIN must be a domain name, got ${domain}`);
  const listen = env.DESKSIDE_SMTP_LISTEN || undefined;
  if (listen && !/^(?:\[[^\]]+\]|[^:]+):\d{1,5}$/.test(listen)) throw new Error(`DESKSIDE_SMTP_LISTEN must be host:port, got ${listen}`);
  const dailyAutoCap = Number(env.DESKSIDE_MAIL_DAILY_AUTO_CAP || DEFAULT_DAILY_AUTO_CAP);
  if (!Number.isInteger(dailyAutoCap) || dailyAutoCap < 1) throw new Error(`DESKSIDE_MAIL_DAILY_AUTO_CAP must be a whole number of mails, 1 or more, got ${env.DESKSIDE_MAIL_DAILY_AUTO_CAP}`);
  return { smtpUrl, from: env.DESKSIDE_MAIL_FROM || `IT Support <support@${domain}>`, domain, listen, dailyAutoCap };
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
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    publicUrl,
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
    mail: mailConfigOf(env, publicUrl),
    secretKey: secretKeyOf(env.DESKSIDE_SECRET_KEY),
  };
}

function secretKeyOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < 32) throw new Error('DESKSIDE_SECRET_KEY must be at least 32 characters, e.g. the output of `openssl rand -base64 32`');
  return value;
}
