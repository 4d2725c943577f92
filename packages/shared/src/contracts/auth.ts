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
    mfa: z
      .object({
        enabled: z.boolean().describe('Two-factor sign-in (TOTP) is on for this person'),
        passedAt: IsoDateTime.nullable().describe('When this session passed the second step; null for password-only sessions and API tokens'),
      })
      .describe('Identity actions need both'),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const MfaChallenge = z
  .object({
    mfaRequired: z.literal(true),
    expiresAt: IsoDateTime.describe('Send the code to /api/v1/auth/login/mfa before this; the challenge cookie goes with it'),
  })
  .meta({ id: 'MfaChallenge' });
export type MfaChallenge = z.infer<typeof MfaChallenge>;

/** Sign-in answers who is signed in, or, with two-factor sign-in on, that a code is needed. */
export const LoginResult = z.union([Me, MfaChallenge]);
export type LoginResult = z.infer<typeof LoginResult>;

export const MfaCodeBody = z.strictObject({
  code: z.string().trim().min(6).max(40).describe('Six digits from the authenticator app, or a recovery code'),
});
export type MfaCodeBody = z.infer<typeof MfaCodeBody>;

export const MfaStatus = z
  .object({
    enabled: z.boolean(),
    pending: z.boolean().describe('Set-up started and awaiting its first code'),
    activatedAt: IsoDateTime.nullable(),
    recoveryCodesLeft: z.number().int().min(0),
    sessionPassedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'MfaStatus' });
export type MfaStatus = z.infer<typeof MfaStatus>;

export const TotpEnrolment = z
  .object({
    secret: z.string().describe('Base32, for typing into the app; shown this once'),
    otpauthUri: z.string().describe('otpauth://totp/… for apps that import a link or QR code; shown this once'),
  })
  .meta({ id: 'TotpEnrolment' });
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const RecoveryCodes = z
  .object({ recoveryCodes: z.array(z.string()).describe('Each works once instead of a code; shown this once, stored hashed') })
  .meta({ id: 'RecoveryCodes' });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

export const SetupStatus = z.object({ needsSetup: z.boolean() });

export const SetupBody = z.strictObject({
  token: z.string().min(1).max(200),
  email: Email,
  name: Text(200),
  password: z.string().min(12, 'must be at least 12 characters').max(512),
});
export type SetupBody = z.infer<typeof SetupBody>;

export const TOKEN_SCOPES = ['tickets:read', 'tickets:write', 'people:read', 'audit:read', 'admin'] as const;
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
