import type { AccessActionType } from '@deskside/shared';

/** What was asked, in words that finish "… was asked to …", for the person (your) or about them (their). */
const WORDS: Record<AccessActionType, (whose: 'your' | 'their') => string> = {
  unlock_account: (w) => `unlock ${w} account`,
  reset_password: (w) => `reset ${w} password`,
  reset_mfa: (w) => `reset the two-step sign-in (MFA) on ${w} account`,
  add_group_member: (w) => `add ${w} account to a group`,
  remove_group_member: (w) => `remove ${w} account from a group`,
  assign_license: (w) => `assign a licence to ${w} account`,
  reclaim_license: (w) => `take a licence back from ${w} account`,
};

export function actionInWords(action: string, whose: 'your' | 'their'): string {
  const words = WORDS[action as AccessActionType];
  return words ? words(whose) : `change ${whose} account`;
}
