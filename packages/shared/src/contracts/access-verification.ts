import { z } from 'zod';

const Token = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the token from the link').describe('The token from the confirmation link');

/** An agent asks the person to confirm on their own device (method (a)); nothing to type: the address is the directory's. */
export const OtpVerificationBody = z.strictObject({}).meta({ id: 'OtpVerificationBody' });
export type OtpVerificationBody = z.infer<typeof OtpVerificationBody>;

/** The public page reads what it is asked about with the token (not used up). */
export const AccessVerificationLookupBody = z.strictObject({ token: Token }).meta({ id: 'AccessVerificationLookupBody' });
export type AccessVerificationLookupBody = z.infer<typeof AccessVerificationLookupBody>;

export const AccessVerificationPrompt = z
  .object({ actionInWords: z.string(), requestedBy: z.string(), requestedAt: z.string(), expiresAt: z.string() })
  .meta({ id: 'AccessVerificationPrompt' });
export type AccessVerificationPrompt = z.infer<typeof AccessVerificationPrompt>;

/** The person's answer through the single-use link. */
export const AccessVerificationBody = z
  .strictObject({ token: Token, answer: z.enum(['yes', 'no']).describe('yes: I asked for this; no: I did not') })
  .meta({ id: 'AccessVerificationBody' });
export type AccessVerificationBody = z.infer<typeof AccessVerificationBody>;

export const AccessVerificationResult = z
  .object({ outcome: z.enum(['verified', 'refused']), message: z.string() })
  .meta({ id: 'AccessVerificationResult' });
export type AccessVerificationResult = z.infer<typeof AccessVerificationResult>;
