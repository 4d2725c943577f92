import { AuditAdminChange, type AuditRecord } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { invalid } from '../../errors.js';
import { appendLink } from './append-link.js';
import { findSecretField } from './secret-fields.js';

/** What a caller records about an admin change; the module adds the format, the kind and the ISO time. */
export type NewAdminChange = Omit<AuditAdminChange, 'v' | 'kind' | 'occurredAt'> & { occurredAt: number };

/**
 * Appends an admin change (a published access policy, say) to the same audit chain as the
 * identity actions, in the caller's transaction: the change and its entry commit together.
 * Checked like an identity-action entry: nothing that looks like a secret, a valid shape.
 */
export async function appendAdminChange(tx: Tx, input: NewAdminChange): Promise<AuditRecord> {
  const secret = findSecretField(input);
  if (secret) throw invalid(secret, 'looks like a secret; audit entries never hold passwords, codes or tokens');
  if (!Number.isSafeInteger(input.occurredAt) || input.occurredAt < 0) throw invalid('entry.occurredAt', 'must be epoch milliseconds');
  const parsed = AuditAdminChange.safeParse({ ...input, v: 1, kind: 'admin_change', occurredAt: new Date(input.occurredAt).toISOString() });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(['entry', ...issue.path.map(String)].join('.'), issue.message);
  }
  return appendLink(tx, parsed.data);
}
