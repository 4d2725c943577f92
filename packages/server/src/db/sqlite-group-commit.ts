import type SQLite from 'better-sqlite3';
import type { WalSync } from './sqlite-wal-sync.js';

/** Most use cases one shared COMMIT acknowledges; bounds the latency a batch adds. */
const MAX_BATCH = 64;
/** How long to wait for another process (or desk) holding the file's write lock. */
const LOCK_WAIT_MS = 10_000;

interface Waiting {
  resolve(): void;
  reject(error: unknown): void;
}

/** Thrown to callers whose work was undone with the batch it shared, so they never take it as saved. */
export class GroupCommitError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GroupCommitError';
  }
}

/**
 * The one writer of a SQLite database, committing concurrent transactions together.
 *
 * With synchronous=FULL every COMMIT waits for an fsync, and one fsync per use case
 * was the largest cost of creating a ticket (decision 0012). Here transactions take
 * turns on the single write connection as before, but each runs as a SAVEPOINT inside
 * an outer BEGIN IMMEDIATE that stays open while others are waiting: a failing member
 * rolls back to its savepoint (undoing only itself) and answers at once; a member that
 * succeeds is acknowledged only after the shared COMMIT has returned. The COMMIT runs
 * when nobody holds the writer at the end of an event-loop turn, so concurrent requests
 * that arrived in the same turn share one fsync; a lone request waits one turn only.
 *
 * Nobody outside sees a batch before it commits: reads outside a transaction go to a
 * separate connection (see sqlite-dialect.ts), and members are serialised, so each sees
 * the members before it exactly as if they had committed first, and all of them commit
 * or none does.
 */
export class GroupCommitWriter {
  private held = false;
  private readonly queue: (() => void)[] = [];
  private open = false;
  private members: Waiting[] = [];
  /** What members left to run just before the batch's COMMIT (AT_BATCH_END in sqlite-dialect.ts). */
  private atBatchEnd: (() => void)[] = [];
  private flushScheduled = false;
  private nextSavepoint = 0;
  private closed = false;
  /** Committed members waiting for the next WAL sync, and the sync under way. */
  private awaitingSync: Waiting[] = [];
  private syncing: Promise<void> | null = null;
  private syncFailure: Error | null = null;

  /**
   * The write connection; only the member holding the writer may run statements on it.
   * With `walSync` the connection runs synchronous=NORMAL and members are acknowledged
   * only after a sync of the WAL that started once their COMMIT had returned (decision 0047).
   */
  constructor(
    readonly db: SQLite.Database,
    private readonly options: { walSync?: WalSync | undefined; onCommitted?: (() => void) | undefined } = {},
  ) {}

  private get walSync(): WalSync | undefined {
    return this.options.walSync;
  }

  /** Waits for the writer, then opens a savepoint for one transaction; returns its name. */
  async enter(): Promise<string> {
    if (this.closed) throw new Error('the database is closed');
    if (this.syncFailure) throw this.syncFailure;
    if (this.held) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.held = true;
    try {
      if (!this.open) {
        await this.begin();
        this.open = true;
      }
      const name = `gc_${++this.nextSavepoint}`;
      this.db.exec(`SAVEPOINT ${name}`);
      return name;
    } catch (error) {
      this.handOver();
      throw error;
    }
  }

  /**
   * Keeps the member's work in the batch; resolves once the batch's COMMIT has returned
   * (and, with a WAL sync, once a sync started after it has finished). `atBatchEnd` runs,
   * in member order, just before that COMMIT.
   */
  commit(name: string, atBatchEnd?: () => void): Promise<void> {
    let done!: Promise<void>;
    try {
      this.db.exec(`RELEASE ${name}`);
      if (atBatchEnd) this.atBatchEnd.push(atBatchEnd);
      done = new Promise<void>((resolve, reject) => this.members.push({ resolve, reject }));
      if (this.members.length >= MAX_BATCH) this.commitBatch();
    } catch (error) {
      done = Promise.reject(error);
      this.undo(name, error);
    }
    this.handOver();
    return done;
  }

  /** Undoes the member's work only; the rest of the batch goes on. */
  rollback(name: string): void {
    this.undo(name, null);
    this.handOver();
  }

  /** Commits what is pending and refuses new work. */
  close(): void {
    this.closed = true;
    if (!this.held) this.commitBatch();
  }

  /** Resolves once every committed member has been made durable (or told it was not). */
  async drain(): Promise<void> {
    while (this.syncing) await this.syncing;
  }

  /**
   * The writer connection has busy_timeout 0: SQLite's busy handler sleeps on the
   * thread, and a batch holding the lock in this same process (a second desk on the
   * file, as tests do) could then never reach its COMMIT. Waiting here yields instead.
   */
  private async begin(): Promise<void> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      try {
        this.db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private undo(name: string, cause: unknown): void {
    try {
      if (this.db.inTransaction) {
        this.db.exec(`ROLLBACK TO ${name}`);
        this.db.exec(`RELEASE ${name}`);
      }
    } catch {
      // Falls through to the check below: the outer transaction is what matters.
    }
    // Some errors (I/O, full disk, interrupts) make SQLite roll back the whole
    // transaction, taking earlier members with it: they must hear so.
    if (this.open && !this.db.inTransaction) this.failBatch(new GroupCommitError('the shared transaction was rolled back', { cause }));
  }

  private handOver(): void {
    const next = this.queue.shift();
    if (next) {
      next();
      return;
    }
    this.held = false;
    if (this.open && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        if (!this.held) this.commitBatch();
      });
    }
  }

  private commitBatch(): void {
    if (!this.open) return;
    const members = this.members;
    const atBatchEnd = this.atBatchEnd;
    this.members = [];
    this.atBatchEnd = [];
    this.open = false;
    try {
      for (const run of atBatchEnd) run();
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      const failure = new GroupCommitError('COMMIT failed; nothing of this batch was saved', { cause: error });
      for (const m of members) m.reject(failure);
      return;
    }
    this.options.onCommitted?.();
    if (this.walSync) this.afterCommit(members);
    else for (const m of members) m.resolve();
  }

  /**
   * A sync already under way may have started before this COMMIT wrote its frames, so
   * these members wait for the next one; members that committed meanwhile share it.
   */
  private afterCommit(members: Waiting[]): void {
    if (this.syncFailure) {
      for (const m of members) m.reject(this.syncFailure);
      return;
    }
    this.awaitingSync.push(...members);
    if (!this.syncing) this.startSync();
  }

  private startSync(): void {
    const members = this.awaitingSync;
    this.awaitingSync = [];
    this.syncing = this.walSync!.sync().then(
      () => {
        for (const m of members) m.resolve();
      },
      (error: unknown) => {
        // After a failed fsync the kernel may have dropped the dirty pages, and a later
        // fsync can succeed without them: nothing more is acknowledged by this process.
        this.syncFailure = new GroupCommitError('the WAL could not be synced to disk; the desk must be restarted', { cause: error });
        const told = [...members, ...this.awaitingSync];
        this.awaitingSync = [];
        for (const m of told) m.reject(this.syncFailure);
      },
    ).finally(() => {
      this.syncing = null;
      if (this.awaitingSync.length > 0) this.startSync();
    });
  }

  private failBatch(error: Error): void {
    const members = this.members;
    this.members = [];
    this.atBatchEnd = [];
    this.open = false;
    for (const m of members) m.reject(error);
  }
}
