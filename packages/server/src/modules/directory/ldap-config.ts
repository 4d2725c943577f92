import { z } from 'zod';
import { SecretValue } from './secret-value.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Overrides of the dialect's attribute names; anything left out keeps the preset. */
export const LdapAttributeOverrides = z.strictObject({
  immutableId: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  email: z.string().min(1).optional(),
  phone: z.string().min(1).optional(),
  manager: z.string().min(1).optional(),
  groupName: z.string().min(1).optional(),
  member: z.string().min(1).optional(),
  personFilter: z.string().startsWith('(').optional(),
  groupFilter: z.string().startsWith('(').optional(),
  /** Attributes some directories (or an IdM in front of them) keep with the contact's change time. */
  emailChangedAt: z.string().min(1).optional(),
  phoneChangedAt: z.string().min(1).optional(),
  /** Where an on-prem MFA server keeps a person's enrolled factors; an MFA reset deletes all its values (decision 0041). */
  mfaFactors: z
    .string()
    .regex(/^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)$/, 'an attribute name or OID (it is used in a search filter)')
    .optional(),
});
export type LdapAttributeOverrides = z.infer<typeof LdapAttributeOverrides>;

/** How the desk connects to an LDAP or Active Directory server, as an admin configures it. */
export const LdapConnectionConfig = z
  .strictObject({
    url: z.string().regex(/^ldaps?:\/\/[^/?#\s]+\/?$/i, 'an ldap:// or ldaps:// URL with host and optional port'),
    /** Upgrade ldap:// with StartTLS. Defaults to true; false needs a loopback host or allowInsecure. */
    startTls: z.boolean().optional(),
    allowInsecure: z.boolean().default(false),
    /** PEM of the CA that signed the server's certificate, when it is not a public one. */
    caCertificate: z.string().includes('-----BEGIN CERTIFICATE-----').optional(),
    /** The name the certificate carries, when the URL's host is an address. */
    tlsServerName: z.string().min(1).optional(),
    bindDn: z.string().min(1),
    bindPassword: z
      .string()
      .min(1)
      .transform((value) => new SecretValue(value)),
    peopleBaseDn: z.string().min(1),
    groupsBaseDn: z.string().min(1),
    dialect: z.enum(['openldap', 'active_directory']).default('openldap'),
    attributes: LdapAttributeOverrides.default({}),
    privilegedGroupIds: z.array(z.string().min(1)).default([]),
    /** ppolicy's pwdLockoutDuration: 0 means a lock holds until it is cleared. */
    lockoutDurationSeconds: z.number().int().min(0).default(0),
    pageSize: z.number().int().min(1).max(1000).default(200),
    timeouts: z
      .strictObject({
        connectMs: z.number().int().min(100).max(120_000).default(5_000),
        operationMs: z.number().int().min(100).max(300_000).default(15_000),
      })
      .default({ connectMs: 5_000, operationMs: 15_000 }),
  })
  .superRefine((config, ctx) => {
    const secure = config.url.toLowerCase().startsWith('ldaps://');
    if (secure && config.startTls === true) {
      ctx.addIssue({ code: 'custom', path: ['startTls'], message: 'ldaps:// is already encrypted; StartTLS applies to ldap:// only' });
    }
    if (!secure && config.startTls === false && !config.allowInsecure && !LOOPBACK_HOSTS.has(hostOf(config.url))) {
      // The bind sends the service account's password: in clear text only on this machine.
      ctx.addIssue({
        code: 'custom',
        path: ['startTls'],
        message: 'ldap:// to another host needs StartTLS (or ldaps://); set allowInsecure only for a lab',
      });
    }
  })
  .transform((config) => ({
    ...config,
    transport: transportOf(config.url, config.startTls),
  }));

export type LdapConnectionConfigInput = z.input<typeof LdapConnectionConfig>;
export type LdapConnectionSettings = z.output<typeof LdapConnectionConfig>;

function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase();
}

function transportOf(url: string, startTls: boolean | undefined): 'ldaps' | 'starttls' | 'plain' {
  if (url.toLowerCase().startsWith('ldaps://')) return 'ldaps';
  return startTls === false ? 'plain' : 'starttls';
}
