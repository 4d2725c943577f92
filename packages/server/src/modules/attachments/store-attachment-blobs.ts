import type { BlobStore } from './blob-store.js';

/** What the store needs of an attachment: its content address and its bytes. */
export interface AttachmentBytes {
  sha256: string;
  content: Buffer;
}

/**
 * Writes the blobs durably before the transaction that names them runs, so a committed
 * row never points at bytes a crash lost. A failure throws and the caller files nothing;
 * blobs written before a rollback are orphans, harmless, for a future sweep.
 */
export async function storeAttachmentBlobs(store: BlobStore, attachments: readonly AttachmentBytes[]): Promise<void> {
  const seen = new Set<string>();
  // One at a time: a mail's files are few and each put ends in fsyncs that would only queue on the same disk.
  for (const attachment of attachments) {
    if (seen.has(attachment.sha256)) continue;
    seen.add(attachment.sha256);
    await store.put(attachment.sha256, attachment.content);
  }
}
