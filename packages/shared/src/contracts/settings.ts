import { z } from 'zod';
import { PriorityCode } from './tickets.js';

const Row = z.tuple([PriorityCode, PriorityCode, PriorityCode]);
export const PriorityMatrixBody = z
  .strictObject({ matrix: z.tuple([Row, Row, Row]).describe('matrix[impact-1][urgency-1]') })
  .meta({ id: 'PriorityMatrix' });
export type PriorityMatrixBody = z.infer<typeof PriorityMatrixBody>;

export const DeskSettings = z
  .object({
    priorityMatrix: z.tuple([Row, Row, Row]),
    reopenWindowDays: z.number().int(),
    autoCloseDays: z.number().int(),
  })
  .meta({ id: 'DeskSettings' });
export type DeskSettings = z.infer<typeof DeskSettings>;

export const UpdateDeskSettingsBody = z.strictObject({
  priorityMatrix: z.tuple([Row, Row, Row]).optional(),
  reopenWindowDays: z.number().int().min(0).max(365).optional(),
  autoCloseDays: z.number().int().min(1).max(90).optional(),
});
export type UpdateDeskSettingsBody = z.infer<typeof UpdateDeskSettingsBody>;
