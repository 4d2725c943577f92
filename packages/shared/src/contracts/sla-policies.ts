import { z } from 'zod';
import { Id, IdParam, IsoDateTime, Text } from './common.js';
import { PRIORITIES } from '../domain/priority.js';
import { PENDING_REASONS } from '../domain/ticket-status.js';
import { TICKET_TYPES } from '../domain/ticket-number.js';
import { SLA_TARGETS } from '../domain/sla/policy.js';

// Built from the domain lists rather than imported from tickets.ts: the Ticket contract
// embeds the SLA shapes below, and a cycle between the two modules would break at load.
const Priority = z.enum(PRIORITIES);
const TicketType = z.enum(TICKET_TYPES);
const PendingReason = z.enum(PENDING_REASONS);

export const SlaTargetNameSchema = z.enum(SLA_TARGETS);

/** A target in business minutes; a year of business time is the most any desk promises. */
const TargetMinutes = z.number().int().min(1, 'must be at least 1 minute').max(525_600, 'must be at most 525600 minutes (a year)').nullable();

export const SlaTargetsSchema = z
  .strictObject({ firstResponse: TargetMinutes, nextUpdate: TargetMinutes, restore: TargetMinutes, resolve: TargetMinutes })
  .describe('Business minutes per target; null: the priority has no such target');

export const SlaPolicyTargetsSchema = z.strictObject({ P1: SlaTargetsSchema, P2: SlaTargetsSchema, P3: SlaTargetsSchema, P4: SlaTargetsSchema });
export type SlaPolicyTargets = z.infer<typeof SlaPolicyTargetsSchema>;

/**
 * When a policy applies. Every given condition must hold; an empty object matches every
 * ticket. `vipOnly` selects tickets of VIP requesters: it can only pick stricter targets,
 * never relax verification of who the requester is.
 */
export const SlaConditionsSchema = z
  .strictObject({
    types: z.array(TicketType).min(1).max(2).optional(),
    categories: z.array(z.string().trim().min(1).max(100)).min(1).max(50).optional(),
    requesterGroupIds: z.array(Id).min(1).max(50).optional().describe("Matches when the requester is in any of these groups"),
    requesterSites: z
      .array(z.string().trim().min(1).max(100))
      .min(1)
      .max(50)
      .optional()
      .describe("Matches when the requester's site is one of these (letter case ignored)"),
    vipOnly: z.boolean().optional(),
  })
  .meta({ id: 'SlaConditions' });
export type SlaConditions = z.infer<typeof SlaConditionsSchema>;

/** What a breach does besides telling people; each target escalates a ticket at most once. */
export const SlaEscalationSchema = z
  .strictObject({
    raisePriority: z.boolean().default(false).describe('Raise the priority one step (never above P1), with the breach as the reason'),
    moveToNextTier: z.boolean().default(false).describe('Hand the ticket to the lowest group of a higher tier than its own'),
  })
  .meta({ id: 'SlaEscalation' });
export type SlaEscalation = z.infer<typeof SlaEscalationSchema>;

const PausedReasons = z.array(PendingReason).max(3).describe('Pending reasons that pause first response, restore and resolve');
const WarnAt = z.number().min(0.05, 'must be between 0.05 and 0.99').max(0.99, 'must be between 0.05 and 0.99');

export const CreateSlaPolicyBody = z
  .strictObject({
    name: Text(100),
    calendarId: Id,
    targets: SlaPolicyTargetsSchema,
    pausedPendingReasons: PausedReasons.default(['user', 'vendor']),
    warnAtFraction: WarnAt.default(0.75).describe('Share of a target at which the desk is warned'),
    conditions: SlaConditionsSchema.default({}),
    escalation: SlaEscalationSchema.optional().describe('Default: notify only'),
    position: z.number().int().min(0).max(10_000).optional().describe('Evaluation order, lowest first; default: after the others'),
    isDefault: z.boolean().default(false).describe('The fallback when no policy matches; exactly one policy is the default'),
  })
  .meta({ id: 'CreateSlaPolicy' });
export type CreateSlaPolicyBody = z.infer<typeof CreateSlaPolicyBody>;
/** What a client sends: fields with a default may be left out. */
export type CreateSlaPolicyInput = z.input<typeof CreateSlaPolicyBody>;

export const UpdateSlaPolicyBody = z
  .strictObject({
    name: Text(100).optional(),
    calendarId: Id.optional(),
    targets: SlaPolicyTargetsSchema.optional(),
    pausedPendingReasons: PausedReasons.optional(),
    warnAtFraction: WarnAt.optional(),
    conditions: SlaConditionsSchema.optional(),
    escalation: SlaEscalationSchema.optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    isDefault: z.literal(true).optional().describe('Make this the default; another policy is made default to stop being it'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' })
  .meta({ id: 'UpdateSlaPolicy' });
export type UpdateSlaPolicyBody = z.infer<typeof UpdateSlaPolicyBody>;

export const SlaPolicyView = z
  .object({
    id: Id,
    name: z.string(),
    calendarId: Id,
    calendar: z.object({ id: Id, name: z.string() }),
    targets: SlaPolicyTargetsSchema,
    pausedPendingReasons: z.array(PendingReason),
    warnAtFraction: z.number(),
    conditions: SlaConditionsSchema,
    escalation: SlaEscalationSchema,
    position: z.number().int(),
    isDefault: z.boolean(),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'SlaPolicy' });
export type SlaPolicyView = z.infer<typeof SlaPolicyView>;

export const SlaPolicyList = z.object({ items: z.array(SlaPolicyView) });
export type SlaPolicyList = z.infer<typeof SlaPolicyList>;

export const SlaPolicyRef = z.object({ id: IdParam });
export const CalendarRef = z.object({ id: IdParam });

export const SlaClockStateSchema = z.enum(['running', 'paused', 'met', 'breached', 'not_applicable']);

/** One target of one ticket as of the moment the ticket was read. Durations are business ms. */
export const SlaClockView = z
  .object({
    state: SlaClockStateSchema,
    targetMs: z.number().int().nullable(),
    dueAt: IsoDateTime.nullable().describe('When a running clock is due (past when overdue); null when paused, stopped or not applicable'),
    remainingMs: z.number().int().nullable().describe('Negative when overdue'),
    elapsedMs: z.number().int(),
    warned: z.boolean(),
    breachedAt: IsoDateTime.nullable(),
    breachedByMs: z.number().int().nullable(),
    stoppedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'SlaClock' });
export type SlaClockView = z.infer<typeof SlaClockView>;

/** A ticket's SLA as staff see it; requesters get null. */
export const TicketSla = z
  .object({
    policy: z.object({ id: Id, name: z.string() }),
    priority: Priority.describe('The priority whose targets apply now'),
    firstResponse: SlaClockView,
    nextUpdate: SlaClockView,
    restore: SlaClockView,
    resolve: SlaClockView,
    missedUpdates: z.number().int(),
  })
  .meta({ id: 'TicketSla' });
export type TicketSla = z.infer<typeof TicketSla>;

/** The queue's compact form: the most urgent clock of the ticket. */
export const TicketSlaSummary = z
  .object({
    target: SlaTargetNameSchema.nullable().describe('The clock that breaches first; null when none runs or pauses'),
    state: SlaClockStateSchema,
    dueAt: IsoDateTime.nullable(),
    remainingMs: z.number().int().nullable(),
    breached: z.boolean().describe('Any clock of the ticket is breached'),
  })
  .meta({ id: 'TicketSlaSummary' });
export type TicketSlaSummary = z.infer<typeof TicketSlaSummary>;
