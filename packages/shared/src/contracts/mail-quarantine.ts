import { z } from 'zod';
import { Id, IdParam, IsoDateTime } from './common.js';

/**
 * A message the desk would not file, as admins see it. From, subject and date come from a
 * light read of the header block; the body is never rendered and the raw bytes never leave the server.
 */
export const QuarantinedMessage = z
  .object({
    id: Id,
    mailbox: z.string(),
    reason: z.string(),
    from: z.string().nullable().describe('The From header as written, or null when it could not be read'),
    subject: z.string().nullable(),
    date: z.string().nullable().describe('The Date header as written'),
    attempts: z.number().int(),
    createdAt: IsoDateTime,
    lastAttemptAt: IsoDateTime,
    size: z.number().int().describe('Bytes delivered; more than 5 MB were cut when stored'),
  })
  .meta({ id: 'QuarantinedMessage' });
export type QuarantinedMessage = z.infer<typeof QuarantinedMessage>;

export const QuarantineList = z.object({ items: z.array(QuarantinedMessage) }).meta({ id: 'QuarantineList' });
export type QuarantineList = z.infer<typeof QuarantineList>;

export const QuarantineOutcome = z.enum(['created', 'replied', 'duplicate', 'ignored', 'quarantined']).meta({ id: 'QuarantineOutcome' });
export type QuarantineOutcome = z.infer<typeof QuarantineOutcome>;

/** What a re-run did: filed (the row is gone) or held again (the row, with its new reason and attempts). */
export const ReprocessResult = z
  .object({
    outcome: QuarantineOutcome,
    ticketId: Id.nullable(),
    message: QuarantinedMessage.nullable().describe('Still held: the row as it is now; null when it left quarantine'),
  })
  .meta({ id: 'ReprocessResult' });
export type ReprocessResult = z.infer<typeof ReprocessResult>;

export const QuarantineRef = z.object({ id: IdParam });
