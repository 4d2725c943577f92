import type { AccessActionType, TargetTier, VerificationMethod } from '@deskside/shared';

/** The identity actions as the policy page names them, in the order the table lists them. */
export const ACTION_NAMES: Record<AccessActionType, string> = {
  unlock_account: 'Unlock an account',
  reset_password: 'Reset a password',
  reset_mfa: 'Reset two-factor sign-in',
  add_group_member: 'Add to a directory group',
  remove_group_member: 'Remove from a directory group',
  assign_license: 'Assign a licence seat',
  reclaim_license: 'Reclaim a licence seat',
};

export const TIER_NAMES: Record<TargetTier, string> = {
  standard: 'Standard',
  privileged: 'Privileged',
};

/** Short names for the table's checkboxes; the legend above the table says each in full. */
export const METHOD_SHORT_NAMES: Record<VerificationMethod, string> = {
  directory_otp: 'Code on own device',
  callback_of_record: 'Callback to number of record',
  manager_approval: 'Manager approves',
  in_person_id: 'In-person ID check',
};
