import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BlobStore } from './blob-store.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A content-addressed store on the local disk: <root>/ab/cd/<sha256>. A blob is written to
 * a temporary file in its own directory, fsynced, renamed into place and the directory
 * fsynced, so after put() resolves a crash cannot leave the name pointing at partial bytes.
 */
export function diskBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string) => {
    // Only a lowercase hex sha256 is a key, so a key can never become a path of its own.
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${JSON.stringify(sha256.slice(0, 80))}`);
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  return {
    async put(sha256, content) {
      const path = pathOf(sha256);
      // The key is trusted by nobody: bytes stored under the wrong hash would be served for another file.
      if (createHash('sha256').update(content).digest('hex') !== sha256) throw new Error(`content does not hash to ${sha256}`);
      const dir = dirname(path);
      const existing = await stat(path).catch(() => null);
      // Reused, it may be a concurrent writer's rename whose directories are not yet synced: sync them anyway.
      if (existing?.isFile() && existing.size === content.length) return syncDirectories(dir, root);
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `.tmp-${sha256}-${randomBytes(6).toString('hex')}`);
      try {
        const file = await open(temp, 'wx', 0o640);
        try {
          await file.writeFile(content);
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temp, path);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
      await syncDirectories(dir, root);
    },

    async read(sha256) {
      // Opened before anything is answered, so a missing blob fails the request instead of a half-sent download.
      const file = await open(pathOf(sha256), 'r');
      try {
        const { size } = await file.stat();
        return { size, stream: file.createReadStream() };
      } catch (error) {
        await file.close();
        throw error;
      }
    },
  };
}

// Every directory from the blob's up to the store's parent: the new name and any new directory are entries there.
async function syncDirectories(dir: string, root: string): Promise<void> {
  const stop = dirname(root);
  for (let d = dir; ; d = dirname(d)) {
    await syncDirectory(d);
    if (d === stop || d === dirname(d)) return;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
