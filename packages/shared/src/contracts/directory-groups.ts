import { z } from 'zod';

/**
 * A directory group the desk knows from the people of record: a group someone synced belongs to,
 * directly or through nesting. Agents pick groups from these, never type them (decision 0039).
 */
export const DirectoryGroupView = z
  .object({
    id: z.string().describe('The immutable directory id of the group'),
    name: z.string(),
    directMembers: z.number().int().describe('People of record who are direct members, as of the last sync'),
  })
  .meta({ id: 'DirectoryGroupView' });
export type DirectoryGroupView = z.infer<typeof DirectoryGroupView>;

export const DirectoryGroupsQuery = z
  .strictObject({
    q: z.string().trim().max(200).optional().describe('Part of the group name, case-insensitive'),
    id: z.string().trim().min(1).max(256).optional().describe('One group by its immutable id (to name a group a request holds)'),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .meta({ id: 'DirectoryGroupsQuery' });
export type DirectoryGroupsQuery = z.output<typeof DirectoryGroupsQuery>;

export const DirectoryGroupList = z.object({ items: z.array(DirectoryGroupView) }).meta({ id: 'DirectoryGroupList' });
export type DirectoryGroupList = z.infer<typeof DirectoryGroupList>;
