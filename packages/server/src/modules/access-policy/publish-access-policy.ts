import { createHash } from 'node:crypto';
import type { AccessPolicyVersion } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { isUniqueViolation } from '../../db/db-errors.js';
import { DomainError, invalid, staleVersion } from '../../errors.js';
import { appendAdminChange, canonicalJson } from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { insertPolicy } from './access-policy-repo.js';
import { authorizeAccessPolicy } from './access-policy-rules.js';
import { loadActiveAccessPolicy } from './load-access-policy.js';
import { policyChanges } from './policy-changes.js';
import { presentVersion } from './present-access-policy.js';
import { readPolicyDraft } from './read-policy-draft.js';

export interface PublishAccessPolicyOptions {
  note: string;
  /** The version the admin edited (If-Match); any other version in force answers 412, none 428. */
  expectedVersion: number | undefined;
  now: number;
  sourceIp: string | null;
}

/**
 * Stores a draft as the next version of the access policy, in force for requests opened
 * from the commit on, and chains an audit entry naming each changed setting in the same
 * transaction. Requests opened earlier keep the requirements they were opened with.
 */
export async function publishAccessPolicy(tx: Tx, actor: Actor, draft: unknown, options: PublishAccessPolicyOptions): Promise<AccessPolicyVersion> {
  authorizeAccessPolicy(actor, 'publish');
  // A write that names no version could silently undo a stricter policy published meanwhile.
  if (options.expectedVersion === undefined) {
    throw new DomainError(428, 'Precondition Required', 'Send If-Match with the version of the access policy you edited', { field: 'If-Match' });
  }
  const current = await loadActiveAccessPolicy(tx);
  if (options.expectedVersion !== current.version) throw staleVersion(current.version, 'access policy');
  const policy = readPolicyDraft(draft);
  const changes = policyChanges(current.policy, policy);
  if (changes.length === 0) throw invalid('policy', `is the same as version ${current.version}, which is in force; change a setting before publishing`);

  const version = current.version + 1;
  const text = canonicalJson(policy);
  const contentHash = createHash('sha256').update(text).digest('hex');
  try {
    await insertPolicy(tx, { version, policy: text, content_hash: contentHash, note: options.note, published_at: options.now, published_by_id: actor.id });
  } catch (error) {
    // Another admin published the same number first (the primary key settles it).
    if (isUniqueViolation(error)) throw staleVersion(version, 'access policy');
    throw error;
  }
  await appendAdminChange(tx, {
    subject: 'access_policy',
    version,
    contentHash,
    note: options.note,
    actor: { userId: actor.id, directoryId: null, name: actor.name },
    changes,
    sourceIp: options.sourceIp,
    occurredAt: options.now,
  });
  return presentVersion(
    { version, builtIn: false, note: options.note, publishedAt: new Date(options.now).toISOString(), publishedBy: { id: actor.id, name: actor.name } },
    policy,
  );
}
