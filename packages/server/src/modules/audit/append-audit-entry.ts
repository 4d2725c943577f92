import { AuditEntry, type AuditRecord } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { invalid } from '../../errors.js';
import { appendLink } from './append-link.js';
import { canonicalJson } from './canonical-json.js';
import { findSecretField } from './secret-fields.js';

/** What a caller records; the module adds the format version and writes the time as ISO. */
export type NewAuditEntry = Omit<AuditEntry, 'v' | 'occurredAt'> & { occurredAt: number };

// Before/after are a summary of the account's state, not a dump of the directory entry:
// a small cap keeps one careless caller from bloating every export.
const MAX_STATE_CHARS = 4_096;

/**
 * Appends an entry to the audit chain inside the caller's transaction, so the entry and the
 * state change it records commit together or not at all. Refuses (422) anything that looks
 * like a secret.
 */
export async function appendAuditEntry(tx: Tx, input: NewAuditEntry): Promise<AuditRecord> {
  return appendLink(tx, readEntry(input));
}

function readEntry(input: NewAuditEntry): AuditEntry {
  // Looked at before the schema, whose messages name unknown keys: the refusal then says
  // why, and nothing downstream ever holds the value.
  const secret = findSecretField(input);
  if (secret) throw invalid(secret, 'looks like a secret; audit entries never hold passwords, codes or tokens');
  if (!Number.isSafeInteger(input.occurredAt) || input.occurredAt < 0) throw invalid('entry.occurredAt', 'must be epoch milliseconds');
  const parsed = AuditEntry.safeParse({ ...input, v: 1, occurredAt: new Date(input.occurredAt).toISOString() });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(['entry', ...issue.path.map(String)].join('.'), issue.message);
  }
  for (const side of ['before', 'after'] as const) {
    const state = parsed.data[side];
    if (state && canonicalJson(state).length > MAX_STATE_CHARS) throw invalid(`entry.${side}`, `must be at most ${MAX_STATE_CHARS} characters of JSON`);
  }
  return parsed.data;
}
