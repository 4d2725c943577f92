import { closeSync, fdatasync, fsync, fstatSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** Makes everything written to the WAL so far durable; resolves once it is on disk. */
export interface WalSync {
  sync(): Promise<void>;
  close(): void;
}

function inPool(fn: (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void, fd: number): Promise<void> {
  return new Promise((resolve, reject) => fn(fd, (error) => (error ? reject(error) : resolve())));
}

/**
 * Syncs a SQLite WAL file from libuv's thread pool (decision 0047), so the event loop
 * goes on serving requests while the disk flushes.
 *
 * The connection runs with synchronous=NORMAL: a COMMIT only write()s its frames to the
 * WAL, and this fdatasync, started after the COMMIT returned, makes them durable. fsync
 * acts on the file, not the descriptor, so one descriptor of our own covers what
 * SQLite's descriptor (or any other process) wrote. While any connection of this
 * process has the database open, SQLite never deletes or replaces the -wal file (a
 * restart after a checkpoint rewrites it in place, and the checkpoint itself has synced
 * the WAL and the database first), so the descriptor keeps naming the file SQLite writes.
 * The directory entry of a new WAL file is synced once, as SQLite does under FULL.
 */
export function openWalSync(databaseFile: string): WalSync {
  const walFile = `${databaseFile}-wal`;
  let fd: number | null = null;
  let ready: Promise<number> | null = null;

  const open = async (): Promise<number> => {
    const opened = openSync(walFile, 'r');
    try {
      if (fstatSync(opened).nlink === 0) throw new Error(`${walFile} was deleted while the database was open`);
      const dir = openSync(dirname(walFile), 'r');
      try {
        await inPool(fsync, dir);
      } finally {
        closeSync(dir);
      }
    } catch (error) {
      closeSync(opened);
      throw error;
    }
    fd = opened;
    return opened;
  };

  return {
    async sync() {
      ready ??= open();
      let current: number;
      try {
        current = await ready;
      } catch (error) {
        ready = null;
        throw error;
      }
      await inPool(fdatasync, current);
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
      ready = null;
    },
  };
}
