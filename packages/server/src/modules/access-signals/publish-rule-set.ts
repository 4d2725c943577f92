import type { Tx } from '../../db/connect.js';
import { isUniqueViolation } from '../../db/db-errors.js';
import { staleVersion } from '../../errors.js';
import type { Actor } from '../identity/index.js';
import { type ActiveRuleSet, loadStoredVersion } from './get-active-rule-set.js';
import { newestStoredVersion, insertVersion } from './signal-rules-repo.js';
import { validateRuleSet } from './validate-rule-set.js';

export interface PublishOptions {
  note: string;
  /** The active version the admin edited (If-Match); a newer one in force answers 412. */
  expectedVersion?: number;
  now: number;
}

/**
 * Stores a draft as the next version, which is in force from the commit on. Append-only:
 * versions are never edited or deleted, so a score can always name the rules it used.
 */
export async function publishRuleSet(tx: Tx, actor: Actor, draft: unknown, options: PublishOptions): Promise<ActiveRuleSet> {
  const current = (await newestStoredVersion(tx)) ?? 0;
  if (options.expectedVersion !== undefined && options.expectedVersion !== current) throw staleVersion(current, 'signal rule set');
  const version = current + 1;
  const ruleSet = validateRuleSet(draft, version);
  try {
    await insertVersion(tx, {
      version,
      rule_set: JSON.stringify(ruleSet),
      note: options.note,
      created_at: options.now,
      created_by_id: actor.id,
    });
  } catch (error) {
    // Another admin published the same number first (the primary key settles it).
    if (isUniqueViolation(error)) throw staleVersion(version, 'signal rule set');
    throw error;
  }
  return loadStoredVersion(tx, version);
}
