import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Db } from '../../../db/connect.js';
import { DEFAULT_PARSE_LIMITS } from '../inbound/index.js';
import { ingestInboundMessage, type IngestDeps } from '../ingest/index.js';
import { withMailboxPassword } from './mailbox-password.js';
import { claimMailboxLease, enabledMailboxIds, recordMailboxStatus, releaseMailboxLease } from './mailboxes-repo.js';
import type { IngestWith, PollHooks } from './poll-mailbox.js';
import { runMailboxSession, type SessionTimings } from './run-mailbox-session.js';

export interface MailboxPollerOptions {
  db: Db;
  now: () => number;
  log: Logger;
  /** The base ingest deps; every configured mailbox address is added to mailboxAddresses. */
  ingestDeps: IngestDeps;
  ingest?: IngestWith;
  hooks?: PollHooks;
  /** Written to lease_owner; default host/pid/random like the job engine's. */
  node?: string;
  timings?: Partial<PollerTimings>;
  /** Opens the stored mailbox passwords (DESKSIDE_SECRET_KEY). */
  secretKey?: string;
}

export interface PollerTimings extends SessionTimings {
  /** How often a node looks for mailboxes nobody polls. */
  tickMs: number;
  /** The first wait after a failed session; doubled per failure in a row, up to 15 minutes. */
  retryMs: number;
}

export interface MailboxPollers {
  node: string;
  /** Stops claiming, ends every session between two messages, gives the leases back. */
  stop(): Promise<void>;
}

const DEFAULTS: PollerTimings = { leaseMs: 60_000, pollMs: 60_000, sessionMs: 10 * 60_000, tickMs: 5_000, retryMs: 30_000 };
const MAX_RETRY_MS = 15 * 60_000;
const STOP_WAIT_MS = 20_000;

/** Poller timings from DESKSIDE_IMAP_POLL_MS and DESKSIDE_IMAP_LEASE_MS; the rest are defaults. */
export function pollerTimingsFromEnv(env: NodeJS.ProcessEnv): Partial<PollerTimings> {
  const ms = (value: string | undefined) => (value && Number(value) > 0 ? Number(value) : undefined);
  const timings: Partial<PollerTimings> = {};
  const pollMs = ms(env.DESKSIDE_IMAP_POLL_MS);
  const leaseMs = ms(env.DESKSIDE_IMAP_LEASE_MS);
  if (pollMs) timings.pollMs = pollMs;
  if (leaseMs) timings.leaseMs = leaseMs;
  return timings;
}

/**
 * The worker's IMAP side (decision 0025): every tick, claim the lease of each enabled
 * mailbox nobody holds and run a session for it. The lease is one conditional UPDATE of the
 * mailbox row, so of several worker nodes exactly one polls a mailbox at a time; one that
 * dies holds it only until the lease runs out.
 */
export function startMailboxPollers(options: MailboxPollerOptions): MailboxPollers {
  const { db, now, log } = options;
  const timings: PollerTimings = { ...DEFAULTS, ...options.timings };
  const node = options.node ?? `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
  const running = new Map<number, Promise<void>>();
  const failures = new Map<number, { count: number; retryAt: number }>();
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;

  const start = async (id: number) => {
    const claimed = await claimMailboxLease(db, id, node, now(), now() + timings.leaseMs);
    if (!claimed) return;
    if (stopping.signal.aborted) {
      await releaseMailboxLease(db, id, node, null);
      return;
    }
    let settings: typeof claimed;
    try {
      settings = withMailboxPassword(claimed, options.secretKey);
    } catch (error) {
      // A key that does not open the password is the operator's to fix: say so where admins look.
      await recordMailboxStatus(db, id, { now: now(), error: (error as Error).message });
      await releaseMailboxLease(db, id, node, now() + timings.retryMs);
      return;
    }
    const session = runMailboxSession(
      settings,
      { db, now, log, node, timings, ingestDeps: options.ingestDeps, ingest: options.ingest ?? ingestInboundMessage, hooks: options.hooks, maxBytes: DEFAULT_PARSE_LIMITS.maxBytes },
      stopping.signal,
    )
      .then(
        async () => {
          failures.delete(id);
          await releaseMailboxLease(db, id, node, null);
        },
        async (error: unknown) => {
          const count = (failures.get(id)?.count ?? 0) + 1;
          const retryAt = now() + Math.min(MAX_RETRY_MS, timings.retryMs * 2 ** (count - 1));
          failures.set(id, { count, retryAt });
          log.warn({ err: error, mailbox: claimed.address, retryAt: new Date(retryAt).toISOString() }, 'IMAP session failed');
          // Holding the lease until the retry keeps other nodes from hammering a server that refuses us.
          await releaseMailboxLease(db, id, node, retryAt);
        },
      )
      .catch((error: unknown) => log.warn({ err: error, mailbox: claimed.address }, 'IMAP lease not released'))
      .finally(() => running.delete(id));
    running.set(id, session);
  };

  const tick = async () => {
    try {
      for (const { id } of await enabledMailboxIds(db)) {
        if (stopping.signal.aborted) return;
        if (running.has(id) || (failures.get(id)?.retryAt ?? 0) > now()) continue;
        await start(id);
      }
    } catch (error) {
      log.warn({ err: error }, 'IMAP pollers: looking for mailboxes failed');
    } finally {
      if (!stopping.signal.aborted) timer = setTimeout(() => (ticking = tick()), timings.tickMs);
    }
  };
  let ticking = tick();

  return {
    node,
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await ticking;
      const all = Promise.allSettled([...running.values()]);
      await Promise.race([all, new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
    },
  };
}
