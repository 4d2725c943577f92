import { z } from 'zod';

/** The identity actions the desk performs on a directory account, each behind the gate. */
export const ACCESS_ACTIONS = [
  'unlock_account',
  'reset_password',
  'reset_mfa',
  'add_group_member',
  'remove_group_member',
  'assign_license',
  'reclaim_license',
] as const;
export type AccessActionType = (typeof ACCESS_ACTIONS)[number];

/**
 * An action with what it acts on. Targets and groups are directory ids, never names:
 * a name can be spelled to look like someone else's.
 */
export type AccessAction =
  | { type: 'unlock_account' }
  | { type: 'reset_password' }
  | { type: 'reset_mfa' }
  // expiresAt: a time-bound membership, removed by the job engine at that instant; null: lasting.
  | { type: 'add_group_member'; groupId: string; expiresAt: number | null }
  | { type: 'remove_group_member'; groupId: string }
  | { type: 'assign_license'; poolId: string }
  | { type: 'reclaim_license'; poolId: string };

const DirectoryId = z.string().trim().min(1).max(256);

export const AccessActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('unlock_account') }),
  z.strictObject({ type: z.literal('reset_password') }),
  z.strictObject({ type: z.literal('reset_mfa') }),
  z.strictObject({ type: z.literal('add_group_member'), groupId: DirectoryId, expiresAt: z.number().int().positive().nullable() }),
  z.strictObject({ type: z.literal('remove_group_member'), groupId: DirectoryId }),
  z.strictObject({ type: z.literal('assign_license'), poolId: DirectoryId }),
  z.strictObject({ type: z.literal('reclaim_license'), poolId: DirectoryId }),
]);

/** How much harm a mistaken action on the target could do; the policy has one rule per tier. */
export const TARGET_TIERS = ['standard', 'privileged'] as const;
export type TargetTier = (typeof TARGET_TIERS)[number];

/** What the directory sync and the desk know about a target, enough to place it in a tier. */
export interface TargetFacts {
  /** Member (nested membership resolved) of a directory admin group, or flagged privileged by the directory. */
  directoryPrivileged: boolean;
  /** Directory group ids, nested membership resolved. */
  groupIds: readonly string[];
  /** One of Deskside's own agents, leads or admins: taking over one takes over the desk. */
  isDeskStaff: boolean;
}

/** The tier of a target account: privileged if any source says so. */
export function tierOfTarget(target: TargetFacts, privilegedGroupIds: readonly string[]): TargetTier {
  if (target.directoryPrivileged || target.isDeskStaff) return 'privileged';
  return target.groupIds.some((g) => privilegedGroupIds.includes(g)) ? 'privileged' : 'standard';
}

/** What the directory says about the group a membership action touches. */
export interface GroupFacts {
  groupId: string;
  /** A directory admin group (Domain Admins and the like), nested parents included. */
  directoryAdminGroup: boolean;
}

/**
 * The tier a request is judged at. Adding anyone to a privileged group creates a
 * privileged account, so the group's tier counts as much as the target's.
 */
export function tierOfRequest(
  target: TargetFacts,
  action: AccessAction,
  privilegedGroupIds: readonly string[],
  group: GroupFacts | null,
): TargetTier {
  if (tierOfTarget(target, privilegedGroupIds) === 'privileged') return 'privileged';
  if (action.type !== 'add_group_member' && action.type !== 'remove_group_member') return 'standard';
  // A membership action without facts about its group is judged as the worse case.
  if (group === null || group.groupId !== action.groupId) return 'privileged';
  return group.directoryAdminGroup || privilegedGroupIds.includes(group.groupId) ? 'privileged' : 'standard';
}
