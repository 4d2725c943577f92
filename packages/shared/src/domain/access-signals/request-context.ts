import { z } from 'zod';
import { WEEKDAYS } from '../calendar/index.js';

/**
 * Facts about an access request that do not come from its words. The server fills them
 * from the directory and its own records; a fact left out is unknown and raises nothing,
 * so a missing directory field never makes a request look hostile.
 */
export const AccessRequestContext = z.strictObject({
  /** Hour the request arrived, on the desk's local clock (0..23). */
  localHour: z.number().int().min(0).max(23).optional(),
  /** Weekday the request arrived, on the desk's local clock. */
  localWeekday: z.enum(WEEKDAYS).optional(),
  /** The account the request is about is privileged (admin groups, configured privileged groups, desk staff). */
  targetPrivileged: z.boolean().optional(),
  /** Whole days since the target's contact details of record last changed (0 = today). */
  contactChangedDaysAgo: z.number().int().min(0).optional(),
  /** Which contact detail changed, for the wording shown to the agent. */
  changedContact: z.enum(['phone number', 'e-mail address', 'contact details']).optional(),
  /** Earlier access requests for the same target in the last 24 hours, this one not counted. */
  previousAttemptsLast24h: z.number().int().min(0).optional(),
  /** For an MFA reset: the target's other MFA resets in the last 24 hours, executed or still in flight (refused and expired ones not counted). */
  mfaResetsLast24h: z.number().int().min(0).optional(),
});
export type AccessRequestContext = z.infer<typeof AccessRequestContext>;

/** Context fields a rule may compare with a number. */
export const NUMERIC_CONTEXT_FIELDS = ['contactChangedDaysAgo', 'previousAttemptsLast24h', 'mfaResetsLast24h'] as const;
export type NumericContextField = (typeof NUMERIC_CONTEXT_FIELDS)[number];

/** Context fields a rule may test for being true. */
export const FLAG_CONTEXT_FIELDS = ['targetPrivileged'] as const;
export type FlagContextField = (typeof FLAG_CONTEXT_FIELDS)[number];
