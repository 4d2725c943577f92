import { z } from 'zod';
import { Id, IsoDateTime, Text } from './common.js';
import { Email, Person } from './people.js';

export const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(512) });
export type LoginBody = z.infer<typeof LoginBody>;

export const Me = z
  .object({
    user: Person,
    csrfToken: z.string().nullable().describe('Send as x-csrf-token on state-changing requests (cookie sessions)'),
    demo: z.boolean(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const SetupStatus = z.object({ needsSetup: z.boolean() });

export const SetupBody = z.strictObject({
  token: z.string().min(1).max(200),
  email: Email,
  name: Text(200),
  password: z.string().min(12, 'must be at least 12 characters').max(512),
});
export type SetupBody = z.infer<typeof SetupBody>;

export const TOKEN_SCOPES = ['tickets:read', 'tickets:write', 'people:read', 'admin'] as const;
export const TokenScope = z.enum(TOKEN_SCOPES);
export type TokenScope = z.infer<typeof TokenScope>;

export const CreateTokenBody = z.strictObject({
  name: Text(100),
  scopes: z.array(TokenScope).min(1).max(TOKEN_SCOPES.length),
});
export type CreateTokenBody = z.infer<typeof CreateTokenBody>;

export const ApiToken = z
  .object({
    id: Id,
    name: z.string(),
    scopes: z.array(TokenScope),
    createdAt: IsoDateTime,
    lastUsedAt: IsoDateTime.nullable(),
    revokedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const CreatedToken = ApiToken.extend({ token: z.string().describe('Shown once; store it now') });
export const TokenList = z.object({ items: z.array(ApiToken) });
