import type { Kysely } from 'kysely';
import { withId } from './schema-helpers.js';

// Frozen with the migration. Identity-action requests (decision 0035): the request row the pure
// state machine of decision 0029 reads and writes (version-checked), the verifications bound to
// it (never a secret: the evidence is words), and the approvals given in approvers' own sessions.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_requests')
    .ifNotExists()
    // A random UUID: the id the pure core and the audit log use.
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('ticket_id', 'integer', (c) => c.notNull())
    // JSON: the AccessAction ({ type, ... }).
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('action_type', 'varchar(40)', (c) => c.notNull())
    // directory_people.id and its immutable id, as picked when the request was opened.
    .addColumn('target_person_id', 'integer', (c) => c.notNull())
    .addColumn('target_immutable_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('target_tier', 'varchar(20)', (c) => c.notNull())
    .addColumn('requester_id', 'integer', (c) => c.notNull())
    // The requester as the gate compares parties: their directory id when linked, else desk:<id>.
    .addColumn('requester_party', 'varchar(220)', (c) => c.notNull())
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // Decided at open and never changed (decision 0029): the counts, and the whole GateRequirements as JSON.
    .addColumn('methods_required', 'integer', (c) => c.notNull())
    .addColumn('approvers_required', 'integer', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    // JSON: the detected signals and triggered requirements; the score and the rule set version that produced them.
    .addColumn('signals', 'text', (c) => c.notNull())
    .addColumn('signal_score', 'integer', (c) => c.notNull())
    .addColumn('signal_level', 'varchar(20)', (c) => c.notNull())
    .addColumn('rule_set_version', 'integer', (c) => c.notNull())
    .addColumn('execution_attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('executed_at', 'bigint')
    .addColumn('notified_at', 'bigint')
    // Why it was refused or expired, or why the last write did not apply.
    .addColumn('outcome_detail', 'varchar(1000)')
    .execute();
  await db.schema.createIndex('access_requests_ticket').ifNotExists().on('access_requests').column('ticket_id').execute();

  await db.schema
    .createTable('access_verifications')
    .ifNotExists()
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('request_id', 'varchar(40)', (c) => c.notNull())
    // callback_of_record | in_person_id | directory_otp | manager_approval
    .addColumn('method', 'varchar(40)', (c) => c.notNull())
    // JSON array of desk person ids who verified (two for an in-person check).
    .addColumn('verifier_ids', 'text', (c) => c.notNull())
    // What was checked, in words; never a code, number typed by the caller or document number.
    .addColumn('evidence', 'varchar(500)', (c) => c.notNull())
    // JSON: the method's facts the pure check reads (phone owner and change time, attester parties).
    .addColumn('facts', 'text', (c) => c.notNull())
    // Bound to one target and one action, besides the request.
    .addColumn('target_immutable_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('action_type', 'varchar(40)', (c) => c.notNull())
    // Null while an in-person check waits for the second agent's confirmation.
    .addColumn('verified_at', 'bigint')
    .addColumn('expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_verifications_request').ifNotExists().on('access_verifications').column('request_id').execute();

  await withId(db, db.schema.createTable('access_approvals').ifNotExists())
    .addColumn('request_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('approver_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('access_approvals_once', ['request_id', 'approver_id'])
    .execute();
}
