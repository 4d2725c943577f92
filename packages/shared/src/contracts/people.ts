import { z } from 'zod';
import { Id, IdParam, IsoDateTime, Text } from './common.js';

export const ROLES = ['requester', 'agent', 'lead', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** A site's name as people write it ("Lisbon office", "Plant 2", "Remote"). */
export const Site = z.string().trim().min(1, 'must not be empty').max(100);

export const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));

export const Person = z
  .object({
    id: Id,
    name: z.string(),
    email: z.string(),
    role: Role,
    groupIds: z.array(Id),
    vip: z.boolean().describe('SLA policies with vipOnly apply to the tickets of VIP requesters'),
    site: z.string().nullable().describe('Where the person works; SLA policies may select by it'),
    active: z.boolean().describe('False once deactivated: no sign-in, no sessions, no API tokens'),
    version: z.number().int().positive().describe('Send as If-Match when changing the person'),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

export const Group = z
  .object({ id: Id, name: z.string(), tier: z.number().int().min(1).max(3), memberIds: z.array(Id) })
  .meta({ id: 'Group' });
export type Group = z.infer<typeof Group>;

export const CreateUserBody = z.strictObject({
  email: Email,
  name: Text(200),
  role: Role,
  password: z.string().min(12, 'must be at least 12 characters').max(512).optional(),
  groupIds: z.array(Id).max(50).optional(),
  vip: z.boolean().optional(),
  site: Site.optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const PeopleQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  role: Role.optional(),
  status: z.enum(['active', 'inactive', 'any']).default('active').describe('Deactivated people are listed for admins only'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;

export const PeopleList = z.object({
  items: z.array(Person),
  mfaOn: z.array(Id).optional().describe('Admins only: which of the listed people have two-factor sign-in on'),
});
export const GroupList = z.object({ items: z.array(Group) });

export const PersonParams = z.strictObject({ id: IdParam });

/** An admin's change to a person; every field is optional and only what is sent changes. */
export const UpdatePersonBody = z.strictObject({
  name: Text(200).optional(),
  role: Role.optional(),
  groupIds: z.array(Id).max(50).optional().describe('The full set of groups; replaces the current one'),
  vip: z.boolean().optional(),
  site: Site.nullable().optional().describe('null clears it'),
  active: z.boolean().optional().describe('False deactivates: sign-in refused, sessions ended, API tokens revoked'),
});
export type UpdatePersonBody = z.infer<typeof UpdatePersonBody>;

export const PERSON_EVENT_TYPES = ['created', 'renamed', 'role_changed', 'groups_changed', 'vip_changed', 'site_changed', 'deactivated', 'reactivated', 'mfa_enabled', 'mfa_disabled', 'mfa_reset', 'mfa_recovery_codes_renewed', 'mfa_recovery_code_used'] as const;

export const PersonEvent = z
  .object({
    id: Id,
    type: z.enum(PERSON_EVENT_TYPES),
    actor: z.object({ id: Id, name: z.string() }).nullable().describe('Null when the desk itself (CLI, setup) made the change'),
    data: z.record(z.string(), z.unknown()),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'PersonEvent' });
export type PersonEvent = z.infer<typeof PersonEvent>;
export const PersonEventList = z.object({ items: z.array(PersonEvent) });
