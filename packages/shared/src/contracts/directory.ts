import { z } from 'zod';
import { IsoDateTime } from './common.js';

/** Which directory people of record come from: LDAP / Active Directory, or manual (no sync source). */
export const DirectoryConnectionKind = z.enum(['ldap', 'manual']).meta({ id: 'DirectoryConnectionKind' });
export type DirectoryConnectionKind = z.infer<typeof DirectoryConnectionKind>;

export const LdapDialectName = z.enum(['openldap', 'active_directory']).meta({ id: 'LdapDialectName' });
export type LdapDialectName = z.infer<typeof LdapDialectName>;

const Text = z.string().trim().min(1, 'must not be empty').max(1000);
const AttributeName = z.string().trim().min(1, 'must not be empty').max(200);

/** Attribute names that differ from the dialect's preset. */
export const LdapAttributeNames = z
  .strictObject({
    immutableId: AttributeName.optional(),
    name: AttributeName.optional(),
    email: AttributeName.optional(),
    phone: AttributeName.optional(),
    manager: AttributeName.optional(),
    groupName: AttributeName.optional(),
    member: AttributeName.optional(),
    personFilter: z.string().startsWith('(').max(1000).optional(),
    groupFilter: z.string().startsWith('(').max(1000).optional(),
    emailChangedAt: AttributeName.optional(),
    phoneChangedAt: AttributeName.optional(),
    mfaFactors: AttributeName.optional().describe("The attribute holding a person's enrolled second factors, which an MFA reset clears; without it MFA resets are manual"),
  })
  .meta({ id: 'LdapAttributeNames' });

const ldapFields = {
  url: z.string().trim().regex(/^ldaps?:\/\/[^/?#\s]+\/?$/i, 'must be an ldap:// or ldaps:// URL with a host and optional port'),
  startTls: z.boolean().optional().describe('Upgrade ldap:// with StartTLS (default true); false only to this machine or with allowInsecure'),
  allowInsecure: z.boolean().default(false).describe('Lets plain ldap:// reach another host: the bind password then crosses the network in clear'),
  caCertificate: z.string().includes('-----BEGIN CERTIFICATE-----', { message: 'must be a PEM certificate' }).max(20_000).nullable().default(null),
  tlsServerName: Text.nullable().default(null),
  bindDn: Text.describe("The delegated service account's DN"),
  peopleBaseDn: Text,
  groupsBaseDn: Text,
  dialect: LdapDialectName.default('openldap'),
  attributes: LdapAttributeNames.default({}),
  privilegedGroupIds: z.array(z.string().trim().min(1).max(200)).max(100).default([]).describe('Immutable ids of groups whose members (nested too) are privileged'),
  lockoutDurationSeconds: z.number().int().min(0).max(31_536_000).default(0),
  pageSize: z.number().int().min(1).max(1000).default(200),
};

/** LDAP settings as an admin sends them; an absent bindPassword keeps the stored one. */
export const LdapConnectionBody = z
  .strictObject({ ...ldapFields, bindPassword: z.string().min(1, 'must not be empty').max(1000).optional().describe('Write-only: never returned; leave out to keep the stored one') })
  .meta({ id: 'LdapConnectionBody' });
export type LdapConnectionBody = z.output<typeof LdapConnectionBody>;

/** The directory connection, replaced as a whole. Send If-Match with the version you saw ("0" before the first save). */
export const PutDirectoryConnectionBody = z
  .strictObject({
    kind: DirectoryConnectionKind,
    enabled: z.boolean(),
    syncIntervalMinutes: z.number().int().min(5, 'must be 5..1440').max(1440, 'must be 5..1440').default(60),
    ldap: LdapConnectionBody.nullable().default(null).describe('Required when kind is "ldap"'),
  })
  .meta({ id: 'PutDirectoryConnectionBody' });
export type PutDirectoryConnectionBody = z.output<typeof PutDirectoryConnectionBody>;
export type PutDirectoryConnectionInput = z.input<typeof PutDirectoryConnectionBody>;

/** LDAP settings as admins read them: never the password, only whether one is stored. */
export const LdapConnectionView = z
  .object({
    url: z.string(),
    startTls: z.boolean().nullable(),
    allowInsecure: z.boolean(),
    caCertificate: z.string().nullable(),
    tlsServerName: z.string().nullable(),
    bindDn: z.string(),
    passwordSet: z.boolean(),
    peopleBaseDn: z.string(),
    groupsBaseDn: z.string(),
    dialect: LdapDialectName,
    attributes: LdapAttributeNames,
    privilegedGroupIds: z.array(z.string()),
    lockoutDurationSeconds: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'LdapConnectionView' });
export type LdapConnectionView = z.infer<typeof LdapConnectionView>;

/** What the last sync did. */
export const DirectorySyncStatus = z
  .object({
    state: z.enum(['never', 'running', 'succeeded', 'failed']),
    startedAt: IsoDateTime.nullable(),
    finishedAt: IsoDateTime.nullable(),
    seen: z.number().int(),
    added: z.number().int(),
    updated: z.number().int(),
    disabled: z.number().int().describe('People whose account became disabled in the directory'),
    gone: z.number().int().describe('People no longer in the directory, marked gone by a complete sync'),
    error: z.string().nullable(),
  })
  .meta({ id: 'DirectorySyncStatus' });
export type DirectorySyncStatus = z.infer<typeof DirectorySyncStatus>;

/** The directory connection for admins; `configured` is false (version 0) until the first save. */
export const DirectoryConnection = z
  .object({
    configured: z.boolean(),
    kind: DirectoryConnectionKind,
    enabled: z.boolean(),
    syncIntervalMinutes: z.number().int(),
    ldap: LdapConnectionView.nullable(),
    version: z.number().int(),
    updatedAt: IsoDateTime.nullable(),
    lastSync: DirectorySyncStatus,
    peopleCount: z.number().int().describe('People of record the desk holds (gone ones excluded)'),
  })
  .meta({ id: 'DirectoryConnection' });
export type DirectoryConnection = z.infer<typeof DirectoryConnection>;

export const DirectoryTestResult = z
  .object({ ok: z.boolean(), error: z.string().nullable() })
  .meta({ id: 'DirectoryTestResult' });
export type DirectoryTestResult = z.infer<typeof DirectoryTestResult>;

export const DirectorySyncQueued = z.object({ queued: z.boolean(), jobId: z.number().int().nullable() }).meta({ id: 'DirectorySyncQueued' });
export type DirectorySyncQueued = z.infer<typeof DirectorySyncQueued>;

/** A group a person of record belongs to; `nested` when only through another group. */
export const DirectoryPersonGroup = z.object({ id: z.string(), name: z.string(), nested: z.boolean() }).meta({ id: 'DirectoryPersonGroup' });

/**
 * A person of record for staff picking a target "from the directory, never typed". The phone of
 * record is shown because the callback method dials exactly this number (decision 0033).
 */
export const DirectoryPersonView = z
  .object({
    immutableId: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    emailChangedAt: IsoDateTime,
    phoneOfRecord: z.string().nullable(),
    phoneChangedAt: IsoDateTime,
    managerId: z.string().nullable(),
    managerName: z.string().nullable(),
    disabled: z.boolean(),
    locked: z.boolean(),
    privileged: z.boolean(),
    groups: z.array(DirectoryPersonGroup),
    gone: z.boolean(),
    deskPersonId: z.number().int().nullable(),
    lastSyncedAt: IsoDateTime,
  })
  .meta({ id: 'DirectoryPersonView' });
export type DirectoryPersonView = z.infer<typeof DirectoryPersonView>;

export const DirectoryPeopleQuery = z
  .strictObject({
    q: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .meta({ id: 'DirectoryPeopleQuery' });
export type DirectoryPeopleQuery = z.output<typeof DirectoryPeopleQuery>;

export const DirectoryPeopleList = z.object({ items: z.array(DirectoryPersonView) }).meta({ id: 'DirectoryPeopleList' });
export type DirectoryPeopleList = z.infer<typeof DirectoryPeopleList>;

export const DirectoryPersonRef = z.strictObject({ immutableId: z.string().min(1).max(200) }).meta({ id: 'DirectoryPersonRef' });
