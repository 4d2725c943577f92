import { z } from 'zod';

/** An RFC 9457 problem document; `errors` names each offending field. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    allowed: z.array(z.string()).optional().describe('For 409 on a status move: the states allowed next'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const IsoDateTime = z.iso.datetime({ offset: true });
export const Id = z.number().int().positive();
export const IdParam = z.coerce.number().int().positive();

/** Free text that a person typed: trimmed, never empty, bounded. */
export const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const Ok = z.object({ ok: z.literal(true) });
