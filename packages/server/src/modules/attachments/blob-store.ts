import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { diskBlobStore } from './disk-blob-store.js';

/**
 * Where attachment bytes live, addressed by their sha256. The disk store is the only one
 * today; an S3-compatible store can implement the same two calls later (decision 0026).
 */
export interface BlobStore {
  /**
   * Stores the bytes under their sha256 and resolves only once they are durable, so a row
   * that names the hash may commit after it. A blob already stored with that size is kept.
   */
  put(sha256: string, content: Buffer): Promise<void>;
  /** The stored bytes as a stream, with their size; throws when the blob is missing. */
  read(sha256: string): Promise<{ size: number; stream: Readable }>;
}

/** The desk's blob store: files under <DATA_DIR>/attachments on either database. */
export function blobStoreFor(config: { dataDir: string }): BlobStore {
  return diskBlobStore(join(config.dataDir, 'attachments'));
}
