import { z } from 'zod';
import { Id, Text } from './common.js';

export const ROLES = ['requester', 'agent', 'lead', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));

export const Person = z
  .object({ id: Id, name: z.string(), email: z.string(), role: Role, groupIds: z.array(Id) })
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
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const PeopleQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  role: Role.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;

export const PeopleList = z.object({ items: z.array(Person) });
export const GroupList = z.object({ items: z.array(Group) });
