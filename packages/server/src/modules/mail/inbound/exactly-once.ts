/** The key a stored inbound message is unique on, per mailbox. */
export interface DedupeKey {
  mailbox: string;
  /** The Message-ID, or "sha256:" plus the content hash when the message has none. */
  key: string;
}

/**
 * The exactly-once key: (mailbox, Message-ID), or (mailbox, "sha256:" + content hash)
 * when Message-ID is missing. Message-IDs are compared as sent (case matters in the
 * local part), so the key keeps them verbatim.
 */
export function dedupeKey(mailbox: string, message: { messageId: string | null; contentHash: string }): DedupeKey {
  return { mailbox, key: message.messageId ?? `sha256:${message.contentHash}` };
}

/** What to do with a message whose key is already stored. */
export type RepeatVerdict = 'duplicate' | 'conflict';

/**
 * Compares a repeat delivery with the stored one: the same content is a duplicate and
 * changes nothing; the same Message-ID with other content is a conflict to quarantine,
 * never to drop or to overwrite the first.
 */
export function compareRepeat(storedContentHash: string, incomingContentHash: string): RepeatVerdict {
  return storedContentHash === incomingContentHash ? 'duplicate' : 'conflict';
}
