import { z } from 'zod';

/** A group a person of record of a manual directory belongs to, as the native console names it. */
export const ManualPersonGroup = z
  .strictObject({
    id: z.string().trim().min(1).max(200).describe("The group's id in the native console (its name when the console has no other id)"),
    name: z.string().trim().min(1).max(200),
  })
  .meta({ id: 'ManualPersonGroup' });

/**
 * A person of record of a manual directory, as an admin enters them (decision 0043). The desk is
 * the only record such a directory has, so contact details are dated when they change, exactly as
 * a sync dates them: a phone number typed in today is not eligible for a callback for a week.
 */
export const ManualPersonBody = z
  .strictObject({
    name: z.string().trim().min(1).max(300),
    email: z.string().trim().pipe(z.email()).pipe(z.string().max(320)).nullable().default(null),
    phoneOfRecord: z.string().trim().min(3).max(100).nullable().default(null).describe('The number a callback dials; a change is dated now'),
    managerId: z.string().trim().min(1).max(200).nullable().default(null).describe('The directory id of their manager, another person of record'),
    privileged: z.boolean().default(false).describe('An administrator in the native console: identity actions on them need two approvers'),
    disabled: z.boolean().default(false),
    groups: z.array(ManualPersonGroup).max(200).default([]),
  })
  .meta({ id: 'ManualPersonBody' });
export type ManualPersonBody = z.output<typeof ManualPersonBody>;
export type ManualPersonInput = z.input<typeof ManualPersonBody>;

/** The person's id in the native console (object id, user id or employee number): it addresses them and never changes. */
export const ManualPersonRef = z
  .strictObject({ immutableId: z.string().trim().min(1).max(200).regex(/^\S+$/, 'must not contain spaces') })
  .meta({ id: 'ManualPersonRef' });
