import { z } from 'zod';
import { ACCESS_ACTIONS } from '../domain/access-requests/actions.js';
import { ACCESS_REQUEST_STATES } from '../domain/access-requests/request-states.js';
import { VERIFICATION_METHODS } from '../domain/access-requests/verification-methods.js';
import { Id, IsoDateTime } from './common.js';

/** The prev_hash of the first entry: the chain starts from nothing (decision 0031). */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase SHA-256 hex digest');
// Kept verbatim (no trimming): the audit records what the directory said, byte for byte.
const DirectoryId = z.string().min(1).max(256);
const Name = z.string().min(1).max(200);

export type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };
// z.json() would do, but its anonymous recursive definition collides in the OpenAPI components.
const AuditJsonValue: z.ZodType<AuditJson> = z
  .lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(AuditJsonValue), z.record(z.string(), AuditJsonValue)]))
  .meta({ id: 'AuditJsonValue' });

/** Before/after state and similar small documents; the desk caps their size when appending. */
export const AuditJsonObject = z.record(z.string(), AuditJsonValue);

/** Someone who took part: a desk person, a directory person, or both. */
export const AuditParty = z
  .strictObject({
    userId: Id.nullable().describe('The Deskside person, when the party has a desk account'),
    directoryId: DirectoryId.nullable().describe('The immutable directory id, when the party is in the directory'),
    name: Name,
  })
  .refine((p) => p.userId !== null || p.directoryId !== null, 'must name a desk person or a directory id')
  .meta({ id: 'AuditParty' });
export type AuditParty = z.infer<typeof AuditParty>;

/** One proof of identity as it was given: never the code, password or answer itself. */
export const AuditVerificationStep = z
  .strictObject({
    method: z.enum(VERIFICATION_METHODS),
    verifiedBy: z.array(AuditParty).min(1).max(4),
    evidence: z.string().min(1).max(500).describe('What was checked, in words; never a secret'),
  })
  .meta({ id: 'AuditVerificationStep' });

/**
 * One identity action as the audit log keeps it. This exact document (canonical JSON)
 * is what the hash chain covers, so it is also what the export hands a SIEM.
 */
export const AuditEntry = z
  .strictObject({
    v: z.literal(1).describe('The entry format'),
    action: z.enum(ACCESS_ACTIONS),
    outcome: z.enum(ACCESS_REQUEST_STATES).describe('The state the request reached with this entry'),
    requestId: z.string().min(1).max(100),
    ticketId: Id.nullable(),
    actor: AuditParty.describe('The agent who asked for the action'),
    verifications: z.array(AuditVerificationStep).max(8),
    approvers: z.array(AuditParty).max(8),
    target: z.strictObject({ directoryId: DirectoryId, displayName: Name }),
    before: AuditJsonObject.nullable(),
    after: AuditJsonObject.nullable(),
    sourceIp: z.union([z.ipv4(), z.ipv6()]).nullable(),
    occurredAt: IsoDateTime,
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * What an admin change entry is about: the settings that decide how identity actions are gated
 * (`access_policy`), the two-factor sign-in of a Deskside account (`account_mfa`: turned on,
 * turned off, or reset by an admin; decision 0032), whose holders perform and approve those actions,
 * or a person of record of a manual directory entered by an admin (`person_of_record`, decision
 * 0043): their phone, e-mail and manager are what callbacks, links and manager approvals trust.
 */
export const AUDIT_ADMIN_CHANGE_SUBJECTS = ['access_policy', 'account_mfa', 'person_of_record'] as const;

/**
 * An admin publishing a new version of something that gates identity actions (decision 0038).
 * It shares the chain with identity actions so one verify covers both; `kind` tells them
 * apart (identity-action entries have none, so entries already chained keep their hashes).
 */
export const AuditAdminChange = z
  .strictObject({
    v: z.literal(1).describe('The entry format'),
    kind: z.literal('admin_change'),
    subject: z.enum(AUDIT_ADMIN_CHANGE_SUBJECTS),
    version: z.number().int().min(1).optional().describe('The version this change published (access_policy)'),
    contentHash: Sha256Hex.optional().describe('SHA-256 of the canonical JSON of the published version, so the stored version can be checked against the chain (access_policy)'),
    person: AuditParty.optional().describe('The Deskside account whose two-factor sign-in changed (account_mfa), or the person of record entered (person_of_record)'),
    note: z.string().min(1).max(500).describe("The admin's reason for the change, or what happened in words"),
    actor: AuditParty.describe('Who made the change: the admin who published, or the person acting on an account'),
    changes: z
      .array(z.strictObject({ field: z.string().min(1).max(200), before: AuditJsonValue, after: AuditJsonValue }))
      .max(200)
      .describe('Each setting whose value changed, from the version in force before'),
    sourceIp: z.union([z.ipv4(), z.ipv6()]).nullable(),
    occurredAt: IsoDateTime,
  })
  .superRefine((entry, ctx) => {
    // Each subject names what it is about, and nothing that belongs to the other.
    const versioned = entry.subject === 'access_policy';
    for (const field of ['version', 'contentHash'] as const) {
      if (versioned !== (entry[field] !== undefined)) ctx.addIssue({ code: 'custom', path: [field], message: versioned ? 'is required for a published version' : `is not part of a ${entry.subject} change` });
    }
    if (versioned === (entry.person !== undefined)) ctx.addIssue({ code: 'custom', path: ['person'], message: versioned ? 'is not part of a published version' : 'must name the account that changed' });
  })
  .meta({ id: 'AuditAdminChange' });
export type AuditAdminChange = z.infer<typeof AuditAdminChange>;

/** Any entry of the chain: an identity action or an admin change. */
export const AuditLogEntry = z.union([AuditEntry, AuditAdminChange]).meta({ id: 'AuditLogEntry' });
export type AuditLogEntry = z.infer<typeof AuditLogEntry>;

/** An entry in its place in the chain: hash = SHA-256(prevHash || canonical JSON of entry). */
export const AuditRecord = z
  .object({ seq: Id, prevHash: Sha256Hex, hash: Sha256Hex, entry: AuditLogEntry })
  .meta({ id: 'AuditRecord' });
export type AuditRecord = z.infer<typeof AuditRecord>;

/** Whether a record is an identity action (not an admin change). */
export function isAccessActionRecord(record: AuditRecord): record is AuditRecord & { entry: AuditEntry } {
  return !('kind' in record.entry);
}

export const ListAuditQuery = z
  .strictObject({
    before: z.coerce.number().int().positive().optional().describe('Keyset cursor: nextBefore of the previous page'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .meta({ id: 'ListAuditQuery' });
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;

export const AuditList = z.object({ items: z.array(AuditRecord), nextBefore: Id.nullable() });
export type AuditList = z.infer<typeof AuditList>;

export const AuditExportQuery = z
  .strictObject({
    since: z.coerce.number().int().min(0).default(0).describe('Only entries with a greater seq (the last seq the SIEM has)'),
  })
  .meta({ id: 'AuditExportQuery' });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const AUDIT_CHAIN_PROBLEMS = ['hash_mismatch', 'prev_hash_mismatch', 'seq_gap', 'head_mismatch'] as const;

/** The outcome of walking the chain: whole, or the first link that does not hold. */
export const AuditVerification = z
  .discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), count: z.number().int().min(0), headHash: Sha256Hex }),
    z.object({
      ok: z.literal(false),
      brokenAt: Id.describe('The seq of the first broken link'),
      problem: z.enum(AUDIT_CHAIN_PROBLEMS),
      detail: z.string(),
      verified: z.number().int().min(0).describe('Entries verified before the break'),
    }),
  ])
  .meta({ id: 'AuditVerification' });
export type AuditVerification = z.infer<typeof AuditVerification>;
