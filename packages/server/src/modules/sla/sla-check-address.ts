import { z } from 'zod';
import type { JobAddress } from '../../jobs/job-kind.js';

export const SlaCheckPayload = z.strictObject({ ticketId: z.number().int().positive() });

/**
 * The SLA check job as the SLA module enqueues it; its handler lives with the ticket use
 * cases (modules/tickets/sla-timer-jobs.ts), which depend on this module, not the reverse.
 */
export const SLA_CHECK: JobAddress<typeof SlaCheckPayload> = { name: 'sla.check', payload: SlaCheckPayload };

/** One check per ticket and instant: writes that leave the instant alone add nothing. */
export function slaCheckKey(ticketId: number, instant: number): string {
  return `sla:${ticketId}:${instant}`;
}
