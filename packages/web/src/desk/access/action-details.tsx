import type { AccessActionType, DirectoryPersonView } from '@deskside/shared';
import type { ComponentType } from 'react';
import { AddGroupMemberFields, RemoveGroupMemberFields } from './group-action-fields';
import { AssignLicenseFields, ReclaimLicenseFields } from './license-action-fields';

/** What an action needs besides its type (a group, an expiry, a licence pool), merged into the action sent. */
export type ActionDetails = Record<string, string | number | null>;

export interface ActionDetailsProps {
  /** The person picked from the directory, when one is. */
  person: DirectoryPersonView | null;
  /** The details as they stand; null while they are incomplete (the form will not submit). */
  onChange: (details: ActionDetails | null) => void;
}

/**
 * The extra fields each action asks for, one component per action in its own file. An action
 * missing here needs nothing but the target.
 */
export const ACTION_DETAIL_FIELDS: Partial<Record<AccessActionType, ComponentType<ActionDetailsProps>>> = { assign_license: AssignLicenseFields, reclaim_license: ReclaimLicenseFields,
  add_group_member: AddGroupMemberFields, remove_group_member: RemoveGroupMemberFields };
