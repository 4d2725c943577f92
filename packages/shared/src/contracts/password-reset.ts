import { z } from 'zod';

/** The shortest new password the reset page accepts. */
export const RESET_PASSWORD_MIN_LENGTH = 12;

/** The user sets their own new password with the single-use token from the link mailed to them. */
export const PasswordResetBody = z
  .strictObject({
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the token from the link').describe('The token from the reset link'),
    newPassword: z.string().min(1).max(256).describe('The password the user chose; never stored or logged by the desk'),
  })
  .meta({ id: 'PasswordResetBody' });
export type PasswordResetBody = z.infer<typeof PasswordResetBody>;

export const PasswordResetResult = z
  .object({ done: z.literal(true), message: z.string() })
  .meta({ id: 'PasswordResetResult' });
export type PasswordResetResult = z.infer<typeof PasswordResetResult>;
