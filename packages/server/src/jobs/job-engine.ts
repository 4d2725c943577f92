import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { JobRow } from '../db/types.js';
import type { AppContext } from '../http/app-context.js';
import { enqueueJob } from './enqueue-job.js';
import { jobKinds, type JobKind, type JobKinds } from './job-kind.js';
import { claimJobs, markDone, markFailed, reapExpiredLeases, releaseJobs, renewLeases } from './jobs-repo.js';
import { slotKey, slotStart, type RecurringJob } from './recurring.js';
import { listenForJobs } from './wake-listener.js';

export interface JobEngineOptions {
  kinds: readonly JobKind[];
  recurring?: readonly RecurringJob[];
  /** Default: host/pid/random, written to locked_by. */
  node?: string;
  /** How often to look for due jobs; timers fire within about this much of their time. */
  pollMs?: number;
  /** Jobs this node runs at once. */
  concurrency?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** The first retry's delay; each further retry doubles it. */
  backoffMs?: number;
  /** How long stop() lets running jobs finish before giving them back. */
  drainMs?: number;
}

export interface JobEngine {
  readonly node: string;
  /** Look for work now (a job was just enqueued here). */
  wake(): void;
  /** Stops claiming, lets running jobs finish up to drainMs, then gives the rest back. */
  stop(): Promise<void>;
}

interface InFlight {
  row: JobRow;
  abort: AbortController;
  done: Promise<void>;
}

const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** Starts claiming and running jobs of the given kinds on this node. */
export function startJobEngine(ctx: AppContext, options: JobEngineOptions): JobEngine {
  const engine = new Engine(ctx, options);
  engine.start();
  return engine;
}

class Engine implements JobEngine {
  readonly node: string;
  private readonly kinds: JobKinds;
  private readonly kindNames: string[];
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly drainMs: number;
  private readonly inFlight = new Map<number, InFlight>();
  /** Per recurring name, the last slot this node offered: each slot is offered once per node. */
  private readonly offered = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private listener: { close(): Promise<void> } | null = null;
  private ticking: Promise<void> | null = null;
  private again = false;
  private backlog = false;
  private stopped = false;
  private lastReap = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: JobEngineOptions,
  ) {
    this.node = options.node ?? `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
    this.kinds = jobKinds([...options.kinds, ...(options.recurring ?? []).map((r) => r.kind)].filter((k, i, all) => all.indexOf(k) === i));
    this.kindNames = [...this.kinds.keys()];
    this.pollMs = options.pollMs ?? 1000;
    this.concurrency = options.concurrency ?? 10;
    this.leaseMs = options.leaseMs ?? ctx.config.jobLeaseMs;
    this.maxAttempts = options.maxAttempts ?? ctx.config.jobMaxAttempts;
    this.backoffMs = options.backoffMs ?? 10_000;
    this.drainMs = options.drainMs ?? 25_000;
  }

  start(): void {
    if (this.ctx.dialect === 'postgres' && this.ctx.config.databaseUrl) {
      this.listener = listenForJobs(this.ctx.config.databaseUrl, this.ctx.log, () => this.wake());
    }
    // Renewing runs on its own timer so leases stay fresh while stop() drains.
    this.renewTimer = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.leaseMs / 3)));
    this.schedule(0);
  }

  wake(): void {
    if (this.stopped) return;
    if (this.ticking) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    await this.listener?.close();
    await this.ticking;
    const running = () => [...this.inFlight.values()];
    const drained = Promise.all(running().map((f) => f.done));
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([drained, new Promise((r) => (timeout = setTimeout(r, this.drainMs)))]);
    clearTimeout(timeout);
    const unfinished = running();
    if (unfinished.length > 0) {
      // Given back first: the aborted handler's failure then finds the job no longer ours.
      await releaseJobs(this.ctx.db, unfinished.map((f) => f.row), this.ctx.now());
      for (const f of unfinished) f.abort.abort();
      this.ctx.log.warn({ jobs: unfinished.map((f) => f.row.id) }, 'gave unfinished jobs back for another worker');
    }
    clearInterval(this.renewTimer);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => (this.ticking = null));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    this.again = false;
    let full = false;
    try {
      const now = this.ctx.now();
      await this.offerSlots(now);
      if (now - this.lastReap >= this.pollMs) {
        this.lastReap = now;
        const reaped = await reapExpiredLeases(this.ctx.db, now, this.maxAttempts);
        if (reaped > 0) this.ctx.log.warn({ reaped }, 'took back jobs whose worker stopped renewing its lease');
      }
      full = await this.claim(now);
    } catch (err) {
      this.ctx.log.error({ err }, 'job engine tick failed; trying again');
    }
    if (this.stopped) return;
    this.backlog = full;
    // A full claim means more may be due: go again as soon as a slot frees (see run()).
    const free = this.inFlight.size < this.concurrency;
    this.schedule((full && free) || this.again ? 0 : this.pollMs);
  }

  private async offerSlots(now: number): Promise<void> {
    for (const r of this.options.recurring ?? []) {
      const start = slotStart(r.cadence, now);
      if (this.offered.get(r.name) === start) continue;
      await enqueueJob(this.ctx.db, { kind: r.kind, payload: r.payload, runAt: start, dedupeKey: slotKey(r.name, start), now });
      this.offered.set(r.name, start);
    }
  }

  private async claim(now: number): Promise<boolean> {
    const limit = this.concurrency - this.inFlight.size;
    if (limit <= 0) return true;
    const rows = await claimJobs(this.ctx.db, this.ctx.dialect, { node: this.node, kinds: this.kindNames, limit, now, leaseMs: this.leaseMs });
    for (const row of rows) this.run(row);
    return rows.length === limit;
  }

  private run(row: JobRow): void {
    const abort = new AbortController();
    const done = this.execute(row, abort.signal)
      .catch((err: unknown) => this.ctx.log.error({ err, job: row.id }, 'could not record a job outcome; its lease will expire'))
      .finally(() => {
        this.inFlight.delete(row.id);
        if (this.backlog) this.wake();
      });
    this.inFlight.set(row.id, { row, abort, done });
  }

  private async execute(row: JobRow, signal: AbortSignal): Promise<void> {
    const kind = this.kinds.get(row.kind)!;
    const parsed = kind.payload.safeParse(parseJson(row.payload));
    if (!parsed.success) {
      // No retry can fix a payload: dead at once, with the reason.
      await markFailed(this.ctx.db, row, `Payload does not match ${row.kind}: ${parsed.error.message}`, null, this.ctx.now());
      return;
    }
    try {
      await kind.handle(parsed.data, { id: row.id, attempt: row.attempts, runAt: row.run_at, dedupeKey: row.dedupe_key, signal }, this.ctx);
    } catch (err) {
      const max = row.max_attempts ?? this.maxAttempts;
      const now = this.ctx.now();
      const retryAt = row.attempts >= max ? null : now + this.backoff(row.attempts);
      this.ctx.log.warn({ err, job: row.id, kind: row.kind, attempt: row.attempts, retryAt }, retryAt ? 'job failed; will retry' : 'job failed for the last time; dead');
      await markFailed(this.ctx.db, row, errorText(err), retryAt, now);
      return;
    }
    await markDone(this.ctx.db, row, this.ctx.now());
  }

  private backoff(attempt: number): number {
    const delay = Math.min(this.backoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
    // Jitter spreads the retries of jobs that failed together (an outage) apart.
    return Math.round(delay * (1 + Math.random() * 0.5));
  }

  private async renew(): Promise<void> {
    const ids = [...this.inFlight.keys()];
    if (ids.length === 0) return;
    const now = this.ctx.now();
    await renewLeases(this.ctx.db, this.node, ids, now + this.leaseMs, now).catch((err: unknown) =>
      this.ctx.log.warn({ err }, 'could not renew job leases'),
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, 2000);
}
