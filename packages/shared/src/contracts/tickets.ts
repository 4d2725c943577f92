import { z } from 'zod';
import { Id, IsoDateTime, Text } from './common.js';
import { PRIORITIES } from '../domain/priority.js';
import { PENDING_REASONS, TICKET_STATUSES } from '../domain/ticket-status.js';
import { TICKET_TYPES } from '../domain/ticket-number.js';
import { WHO_AFFECTED_ANSWERS, WORK_STOPPED_ANSWERS } from '../domain/portal-triage.js';
import { TicketSla, TicketSlaSummary } from './sla-policies.js';

export const TicketTypeSchema = z.enum(TICKET_TYPES);
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export const PendingReasonSchema = z.enum(PENDING_REASONS);
export const PriorityCode = z.enum(PRIORITIES);
export const LevelValue = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const Category = z.string().trim().min(1).max(100);

export const PersonRef = z.object({ id: Id, name: z.string() });

export const Ticket = z
  .object({
    id: Id,
    number: z.string(),
    type: TicketTypeSchema,
    subject: z.string(),
    description: z.string(),
    status: TicketStatusSchema,
    pendingReason: PendingReasonSchema.nullable(),
    impact: LevelValue,
    urgency: LevelValue,
    priority: PriorityCode,
    priorityOverride: z.object({ priority: PriorityCode, reason: z.string() }).nullable(),
    category: z.string().nullable(),
    version: z.number().int(),
    requesterId: Id,
    requester: PersonRef,
    groupId: Id,
    group: z.object({ id: Id, name: z.string(), tier: z.number().int() }),
    assigneeId: Id.nullable(),
    assignee: PersonRef.nullable(),
    acceptedAt: IsoDateTime.nullable(),
    acceptedBy: PersonRef.nullable(),
    acknowledgedAt: IsoDateTime.nullable(),
    restatement: z.string().nullable(),
    nextUpdateAt: IsoDateTime.nullable(),
    restoredAt: IsoDateTime.nullable(),
    workaround: z.string().nullable(),
    resolvedAt: IsoDateTime.nullable(),
    symptom: z.string().nullable(),
    cause: z.string().nullable(),
    resolution: z.string().nullable(),
    closedAt: IsoDateTime.nullable(),
    confirmedAt: IsoDateTime.nullable(),
    autoCloseAt: IsoDateTime.nullable(),
    reopenCount: z.number().int(),
    channel: z.enum(['portal', 'desk', 'api', 'email']),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    abilities: z.array(z.string()).describe('What the caller may do to this ticket now'),
    sla: TicketSla.nullable().describe('The SLA clocks as of this response; null for requesters'),
    slaStatus: TicketSlaSummary.nullable().describe('The most urgent SLA clock, as the queue shows it; null for requesters'),
  })
  .meta({ id: 'Ticket' });
export type Ticket = z.infer<typeof Ticket>;

export const TicketSummary = Ticket.pick({
  id: true,
  number: true,
  type: true,
  subject: true,
  status: true,
  pendingReason: true,
  impact: true,
  urgency: true,
  priority: true,
  category: true,
  version: true,
  requesterId: true,
  requester: true,
  groupId: true,
  group: true,
  assigneeId: true,
  assignee: true,
  acceptedAt: true,
  nextUpdateAt: true,
  restoredAt: true,
  resolvedAt: true,
  createdAt: true,
  updatedAt: true,
})
  .extend({
    dueAt: IsoDateTime.nullable().describe('The next promise or running SLA target the queue sorts by; null when every clock is paused'),
    slaStatus: TicketSlaSummary.nullable().describe('The most urgent SLA clock; null for requesters'),
  })
  .meta({ id: 'TicketSummary' });
export type TicketSummary = z.infer<typeof TicketSummary>;

export const CreateTicketBody = z
  .strictObject({
    type: TicketTypeSchema,
    subject: Text(200),
    description: Text(20_000),
    impact: LevelValue,
    urgency: LevelValue,
    category: Category.optional(),
    requesterId: Id.optional().describe('Agents create on behalf of a caller; requesters always create for themselves'),
    groupId: Id.optional(),
  })
  .meta({ id: 'CreateTicket' });
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

/** What the requester portal sends: plain answers instead of impact and urgency. */
export const ReportProblemBody = z
  .strictObject({
    subject: Text(200),
    description: Text(20_000),
    workStopped: z.enum(WORK_STOPPED_ANSWERS),
    whoAffected: z.enum(WHO_AFFECTED_ANSWERS),
    type: TicketTypeSchema.default('incident'),
  })
  .meta({ id: 'ReportProblem' });
export type ReportProblemBody = z.infer<typeof ReportProblemBody>;

export const UpdateTicketBody = z
  .strictObject({
    subject: Text(200).optional(),
    description: Text(20_000).optional(),
    impact: LevelValue.optional(),
    urgency: LevelValue.optional(),
    category: Category.nullable().optional(),
    priorityOverride: z
      .strictObject({ priority: PriorityCode, reason: Text(500) })
      .nullable()
      .optional()
      .describe('Set to override the matrix (a reason is required), null to return to the matrix'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' })
  .meta({ id: 'UpdateTicket' });
export type UpdateTicketBody = z.infer<typeof UpdateTicketBody>;

export const AcknowledgeBody = z.strictObject({
  restatement: Text(500).describe("The problem in the agent's own words"),
  nextUpdateAt: IsoDateTime.describe('When the requester will hear from the desk next'),
});
export type AcknowledgeBody = z.infer<typeof AcknowledgeBody>;

export const Visibility = z.enum(['public', 'internal']);
export const CommentBody = z.strictObject({
  body: Text(20_000),
  visibility: Visibility.default('public'),
  nextUpdateAt: IsoDateTime.optional().describe('A public reply may renew the promise'),
});
export type CommentBody = z.infer<typeof CommentBody>;

export const AssignBody = z
  .strictObject({ groupId: Id.optional(), assigneeId: Id.nullable().optional(), note: Text(2000).optional() })
  .refine((b) => b.groupId !== undefined || b.assigneeId !== undefined, {
    message: 'give a groupId, an assigneeId or both',
  });
export type AssignBody = z.infer<typeof AssignBody>;

export const PendBody = z.strictObject({ reason: PendingReasonSchema, note: Text(2000).optional() });
export type PendBody = z.infer<typeof PendBody>;

export const RestoreBody = z.strictObject({ workaround: Text(5000) });
export type RestoreBody = z.infer<typeof RestoreBody>;

export const ResolveBody = z.strictObject({
  symptom: Text(2000),
  cause: Text(2000),
  resolution: Text(5000),
  category: Category,
});
export type ResolveBody = z.infer<typeof ResolveBody>;

export const ReopenBody = z.strictObject({ reason: Text(2000) });
export type ReopenBody = z.infer<typeof ReopenBody>;

export const EmptyBody = z.strictObject({});

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20));

export const QueueQuery = z
  .strictObject({
    status: csv(TicketStatusSchema).optional().describe('Comma-separated; default: all open statuses'),
    groupId: z.coerce.number().int().positive().optional(),
    assigneeId: z.union([z.literal('none'), z.literal('me'), z.coerce.number().int().positive()]).optional(),
    priority: csv(PriorityCode).optional(),
    type: TicketTypeSchema.optional(),
    category: Category.optional(),
    requesterId: z.coerce.number().int().positive().optional(),
    unaccepted: z.enum(['true', 'false']).optional(),
    q: z.string().trim().min(1).max(200).optional().describe('Full-text search over subject, description and replies'),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .meta({ id: 'QueueQuery' });
export type QueueQuery = z.infer<typeof QueueQuery>;

export const TicketList = z.object({ items: z.array(TicketSummary), nextCursor: z.string().nullable() });
export type TicketList = z.infer<typeof TicketList>;

export const TICKET_EVENT_TYPES = [
  'created',
  'acknowledged',
  'public_reply',
  'internal_note',
  'status_changed',
  'field_changed',
  'assigned',
  'accepted',
  'reopened',
  'confirmed',
  'auto_closed',
  // The SLA timers' records (internal): data { target, stage, dueAt, policy }.
  'sla_warning',
  'sla_breached',
  'went_silent',
] as const;
export const TicketEventType = z.enum(TICKET_EVENT_TYPES);
export type TicketEventType = z.infer<typeof TicketEventType>;

/** A file that came with a timeline event; download it at /api/v1/tickets/{ticketId}/attachments/{id}. */
export const EventAttachment = z
  .object({
    id: Id,
    filename: z.string().describe('normalised: no path parts, controls or bidi characters'),
    contentType: z.string(),
    size: z.number().int().nonnegative().describe('bytes'),
  })
  .meta({ id: 'EventAttachment' });
export type EventAttachment = z.infer<typeof EventAttachment>;

export const TicketEvent = z
  .object({
    id: Id,
    ticketId: Id,
    type: TicketEventType,
    visibility: Visibility,
    actor: PersonRef.nullable().describe('null when the desk itself acted'),
    body: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: IsoDateTime,
    attachments: z.array(EventAttachment).optional().describe('present when the event carries files'),
  })
  .meta({ id: 'TicketEvent' });
export type TicketEvent = z.infer<typeof TicketEvent>;

export const TicketEventList = z.object({ items: z.array(TicketEvent) });
