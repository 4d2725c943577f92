import { z } from 'zod';
import { AccessActionSchema } from '../domain/access-requests/actions.js';
import { ACCESS_REQUEST_STATES } from '../domain/access-requests/request-states.js';
import { VERIFICATION_METHODS } from '../domain/access-requests/verification-methods.js';
import { Id, IsoDateTime } from './common.js';

/** The actions this server runs end to end so far; the others join as their paths are built. */
export const SERVER_ACCESS_ACTIONS = ['unlock_account', 'reset_password', 'reset_mfa', 'add_group_member', 'remove_group_member', 'assign_license', 'reclaim_license'] as const;

/** Opens an identity action on a ticket: the target is picked by its directory id, never typed by name. */
export const OpenAccessRequestBody = z
  .strictObject({
    action: AccessActionSchema.refine((a) => (SERVER_ACCESS_ACTIONS as readonly string[]).includes(a.type), {
      message: `this action is not available on this desk yet (available: ${SERVER_ACCESS_ACTIONS.join(', ')})`,
      path: ['type'],
    }),
    targetDirectoryId: z.string().trim().min(1).max(200).describe('The immutable directory id of the person (from /api/v1/directory/people)'),
    note: z.string().max(5000).default('').describe('What the caller said, as the agent noted it; scored for warning signs with the ticket text'),
    breakGlass: z
      .strictObject({ reason: z.string().trim().min(1).max(2000).describe('Why the usual verification cannot be done; the policy sets the minimum length') })
      .optional()
      .describe('Break-glass: any approved method counts, but it needs more approvers and a written reason, and alerts Security at once'),
  })
  .meta({ id: 'OpenAccessRequestBody' });
export type OpenAccessRequestBody = z.input<typeof OpenAccessRequestBody>;

/** A callback to the phone of record. There is deliberately no field for a number: the desk dials the one it shows. */
export const CallbackVerificationBody = z
  .strictObject({})
  .meta({ id: 'CallbackVerificationBody' });
export type CallbackVerificationBody = z.infer<typeof CallbackVerificationBody>;

/** The first agent attests an in-person ID check; a second, different agent confirms it in their own session. */
export const InPersonVerificationBody = z
  .strictObject({
    document: z.string().trim().min(3).max(200).describe('What ID was looked at, in words (never its number)'),
  })
  .meta({ id: 'InPersonVerificationBody' });
export type InPersonVerificationBody = z.infer<typeof InPersonVerificationBody>;

export const AccessRequestStepBody = z.strictObject({}).meta({ id: 'AccessRequestStepBody' });
export type AccessRequestStepBody = z.infer<typeof AccessRequestStepBody>;

/** The agent records a change made by hand in the native console, or that it could not be made. */
export const ManualCompletionBody = z
  .strictObject({
    done: z.boolean().describe('true: the steps were done in the console; false: they could not be done (the request goes back to its ready state)'),
    note: z.string().trim().max(1000).default('').describe('What was done or why it could not be; never a password or a code'),
  })
  .refine((b) => b.done || b.note.length >= 3, { message: 'say why it could not be done (at least 3 characters)', path: ['note'] })
  .meta({ id: 'ManualCompletionBody' });
export type ManualCompletionBody = z.output<typeof ManualCompletionBody>;
export type ManualCompletionInput = z.input<typeof ManualCompletionBody>;

export const RefuseAccessRequestBody = z
  .strictObject({ reason: z.string().trim().min(3).max(1000) })
  .meta({ id: 'RefuseAccessRequestBody' });
export type RefuseAccessRequestBody = z.infer<typeof RefuseAccessRequestBody>;

/** One identity action as the staff who work its ticket see it. */
export const AccessRequestView = z
  .object({
    id: z.string(),
    ticketId: Id,
    action: z
      .object({ type: z.string(), groupId: z.string().optional(), expiresAt: z.number().int().nullable().optional(), poolId: z.string().optional() })
      .describe('The action with what it acts on: a directory group, a membership expiry (epoch ms), a licence pool'),
    state: z.enum(ACCESS_REQUEST_STATES),
    version: z.number().int(),
    allowedNext: z.array(z.enum(ACCESS_REQUEST_STATES)),
    target: z.object({
      directoryId: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      phoneOfRecord: z.string().nullable().describe('The only number a callback may dial'),
      phoneChangedAt: IsoDateTime.nullable(),
      tier: z.enum(['standard', 'privileged']),
    }),
    requirements: z.object({
      policyVersion: z.number().int().nullable().describe('The access policy version they were fixed from when the request was opened (0: built in)'),
      methodsRequired: z.number().int(),
      approversRequired: z.number().int(),
      acceptableMethods: z.array(z.enum(VERIFICATION_METHODS)),
      inWords: z.array(z.string()),
    }),
    missing: z.array(z.string()).describe('What must still happen before the request may execute, in plain words'),
    signals: z.object({
      score: z.number(),
      level: z.string(),
      ruleSetVersion: z.number().int(),
      items: z.array(z.object({ label: z.string(), evidence: z.string() })),
    }),
    openedBy: Id.describe('The desk person who opened the request; they may not approve it'),
    verifications: z.array(z.object({
      method: z.enum(VERIFICATION_METHODS), verifiedAt: IsoDateTime.nullable(), evidence: z.string(),
      by: z.array(Id).describe('The desk people who recorded it (the attesting agents of an in-person check)'),
    })),
    approvals: z.array(z.object({ approverId: Id, at: IsoDateTime })),
    createdAt: IsoDateTime,
    expiresAt: IsoDateTime,
    executedAt: IsoDateTime.nullable(),
    outcome: z.string().nullable(),
    breakGlassReason: z.string().nullable().optional().describe('The written reason when the request was opened as break-glass'),
    securityTicketId: Id.nullable().optional().describe('The linked security ticket opened when Security was alerted about this request'),
    manualSteps: z
      .array(z.string())
      .nullable()
      .optional()
      .describe('While the change waits to be made by hand in the native console: the steps, in order; null otherwise (decision 0043)'),
  })
  .meta({ id: 'AccessRequestView' });
export type AccessRequestView = z.infer<typeof AccessRequestView>;

export const AccessRequestList = z.object({ items: z.array(AccessRequestView) }).meta({ id: 'AccessRequestList' });
export type AccessRequestList = z.infer<typeof AccessRequestList>;

/** A request waiting for the signed-in person's answer as the directory's manager of its target. */
export const ManagerApprovalItem = z
  .object({
    requestId: z.string(),
    actionInWords: z.string().describe('What the desk was asked to do, e.g. "reset their password"'),
    targetName: z.string(),
    requestedBy: z.string().describe('The agent handling the request'),
    ticketNumber: z.string(),
    askedAt: IsoDateTime,
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'ManagerApprovalItem' });
export type ManagerApprovalItem = z.infer<typeof ManagerApprovalItem>;

export const ManagerApprovalList = z.object({ items: z.array(ManagerApprovalItem) }).meta({ id: 'ManagerApprovalList' });
export type ManagerApprovalList = z.infer<typeof ManagerApprovalList>;

/** The manager's answer; there is nothing else to say: the desk records who answered and when. */
export const ManagerApprovalAnswerBody = z
  .strictObject({ answer: z.enum(['approve', 'decline']) })
  .meta({ id: 'ManagerApprovalAnswerBody' });
export type ManagerApprovalAnswerBody = z.infer<typeof ManagerApprovalAnswerBody>;
