import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { runAsOnlyWriter, type Db } from './connect.js';
import * as foundation from './migrations/2026-11-23-001-desk-foundation.js';
import * as requesterQueueAndNumbers from './migrations/2026-11-29-001-requester-queue-and-number-sequences.js';
import * as jobEngine from './migrations/2026-11-29-002-job-engine.js';
import * as sla from './migrations/2026-11-29-003-sla.js';
import * as notifications from './migrations/2026-11-29-004-notifications.js';
import * as sqliteSearchMerging from './migrations/2026-11-29-005-sqlite-search-merging.js';
import * as slaEscalation from './migrations/2026-11-29-006-sla-escalation.js';
import * as peopleAdmin from './migrations/2026-11-29-007-people-admin.js';
import * as personSite from './migrations/2026-11-29-008-person-site.js';
import * as outboundMail from './migrations/2026-11-29-009-outbound-mail.js';
import * as inboundMail from './migrations/2026-11-29-010-mail-inbound.js';
import * as mailMailboxes from './migrations/2026-11-29-011-mail-mailboxes.js';
import * as attachments from './migrations/2026-11-29-012-attachments.js';
import * as mailPerPerson from './migrations/2026-11-29-013-mail-per-person.js';
import * as auditLog from './migrations/2026-11-29-014-audit-log.js';
import * as totp from './migrations/2026-11-29-015-totp.js';
import * as directoryPeople from './migrations/2026-11-29-016-directory-people.js';
import * as signalRuleSets from './migrations/2026-11-29-017-signal-rule-sets.js';
import * as accessRequests from './migrations/2026-11-29-018-access-requests.js';
import * as passwordResetTokens from './migrations/2026-11-29-019-password-reset-tokens.js';
import * as accessSecurityTicket from './migrations/2026-11-29-020-access-security-ticket.js';
import * as accessOtpTokens from './migrations/2026-11-29-021-access-otp-tokens.js';
import * as securityReviewerApprovals from './migrations/2026-11-29-022-security-reviewer-approvals.js';
import * as accessPolicies from './migrations/2026-11-30-001-access-policies.js';
import * as timedMemberships from './migrations/2026-11-30-002-timed-memberships.js';
import * as licensePools from './migrations/2026-11-30-003-license-pools.js';
import * as accessBreakGlass from './migrations/2026-11-30-005-access-break-glass.js';
import * as manualInstructions from './migrations/2026-11-30-006-manual-instructions.js';
import * as accessRequestsDueIndex from './migrations/2026-11-30-007-access-requests-due-index.js';
import * as accessRequestPolicyVersion from './migrations/2026-11-30-008-access-request-policy-version.js';

/** Migrations in the order they were written; the name is the ISO date plus a sequence. */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-23-001-desk-foundation': foundation,
  '2026-11-29-001-requester-queue-and-number-sequences': requesterQueueAndNumbers,
  '2026-11-29-002-job-engine': jobEngine,
  '2026-11-29-003-sla': sla,
  '2026-11-29-004-notifications': notifications,
  '2026-11-29-005-sqlite-search-merging': sqliteSearchMerging,
  '2026-11-29-006-sla-escalation': slaEscalation,
  '2026-11-29-007-people-admin': peopleAdmin,
  '2026-11-29-008-person-site': personSite,
  '2026-11-29-009-outbound-mail': outboundMail,
  '2026-11-29-010-mail-inbound': inboundMail,
  '2026-11-29-011-mail-mailboxes': mailMailboxes,
  '2026-11-29-012-attachments': attachments,
  '2026-11-29-013-mail-per-person': mailPerPerson,
  '2026-11-29-014-audit-log': auditLog,
  '2026-11-29-015-totp': totp,
  '2026-11-29-016-directory-people': directoryPeople,
  '2026-11-29-017-signal-rule-sets': signalRuleSets,
  '2026-11-29-018-access-requests': accessRequests,
  '2026-11-29-019-password-reset-tokens': passwordResetTokens,
  '2026-11-29-020-access-security-ticket': accessSecurityTicket,
  '2026-11-29-021-access-otp-tokens': accessOtpTokens,
  '2026-11-29-022-security-reviewer-approvals': securityReviewerApprovals,
  '2026-11-30-001-access-policies': accessPolicies,
  '2026-11-30-002-timed-memberships': timedMemberships,
  '2026-11-30-003-license-pools': licensePools,
  '2026-11-30-005-access-break-glass': accessBreakGlass,
  '2026-11-30-006-manual-instructions': manualInstructions,
  '2026-11-30-007-access-requests-due-index': accessRequestsDueIndex,
  '2026-11-30-008-access-request-policy-version': accessRequestPolicyVersion,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date; safe to run again and from several nodes at once. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
  for (let attempt = 1; ; attempt++) {
    try {
      // Thrown inside, so that on SQLite a failed run leaves nothing of itself behind.
      const results = await runAsOnlyWriter(db, async () => {
        const { error, results } = await migrator.migrateToLatest();
        if (error) throw error;
        return results;
      });
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    } catch (error) {
      if (attempt < 3 && isSqliteRace(error)) continue;
      throw error instanceof Error ? error : new Error(String(error));
    }
  }
}

/**
 * Kysely takes no migration lock on SQLite; runAsOnlyWriter holds the file's write lock
 * for the whole run instead, so a second node waits and then finds nothing left to do.
 * A node that gave up waiting (busy) or lost a race to a desk of an older version tries again.
 */
function isSqliteRace(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || code.startsWith('SQLITE_BUSY'));
}
