import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Copies the WAL back into the database file on another thread (decision 0048). */
export interface Checkpointer {
  /** Tells it a batch was committed; every CHECKPOINT_EVERY batches it checkpoints. */
  committed(): void;
  close(): Promise<void>;
}

/** Batches between checkpoints: about a thousand WAL pages, SQLite's own default, at 5-10 creates a batch. */
const CHECKPOINT_EVERY = 16;

// Plain CommonJS, evaluated as the worker's script, so it runs the same from the built
// files and from the TypeScript sources the tests load. PASSIVE never waits for readers
// or writers: it copies what it can and leaves the rest for the next one. With
// synchronous=NORMAL SQLite syncs the WAL before copying and the database file after.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = 64');
parentPort.on('message', (message) => {
  if (message === 'checkpoint') {
    let error = null;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (e) {
      error = String(e && e.message ? e.message : e);
    }
    parentPort.postMessage({ done: true, error });
  } else if (message === 'close') {
    db.close();
    parentPort.postMessage({ closed: true });
  }
});
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Checkpoints `file` from a worker thread with a connection of its own, so the page copies
 * and the two fsyncs of a checkpoint no longer run inside a COMMIT on the event loop (they
 * were two thirds of the COMMITs' time). The writer keeps a large wal_autocheckpoint as a
 * backstop: it checkpoints itself if this falls behind, and its checkpoint, with no writer
 * running beside it, is also what lets SQLite start the WAL over. Started on the first
 * checkpoint, so a desk that writes little never starts a thread.
 */
export function startCheckpointer(file: string, onError: (message: string) => void = () => {}): Checkpointer {
  let worker: Worker | null = null;
  let batches = 0;
  let running = false;
  let closing: Promise<void> | null = null;

  const start = (): Worker => {
    // A small heap and page cache: the thread only copies pages, and the desk's memory has a budget (300 MB).
    const w = new Worker(WORKER, {
      eval: true,
      workerData: { file, driver: driverPath },
      resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
    });
    w.unref();
    w.on('message', (m: { done?: boolean; error?: string | null }) => {
      if (!m.done) return;
      running = false;
      if (m.error) onError(m.error);
    });
    w.on('error', (e) => {
      onError(e.message);
      worker = null;
      running = false;
    });
    return w;
  };

  return {
    committed() {
      if (closing || ++batches < CHECKPOINT_EVERY || running) return;
      batches = 0;
      worker ??= start();
      running = true;
      worker.postMessage('checkpoint');
    },
    close() {
      closing ??= (async () => {
        const w = worker;
        worker = null;
        if (!w) return;
        const closed = new Promise<void>((resolve) => {
          w.on('message', (m: { closed?: boolean }) => m.closed && resolve());
          w.once('exit', () => resolve());
        });
        w.postMessage('close');
        await closed;
        await w.terminate();
      })();
      return closing;
    },
  };
}
