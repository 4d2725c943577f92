import { describe, expect, it } from 'vitest';
import { AccessActionSchema, tierOfRequest, tierOfTarget, type TargetFacts } from './actions.js';

const plain: TargetFacts = { directoryPrivileged: false, groupIds: ['staff'], isDeskStaff: false };

describe('target tiers', () => {
  it('places directory admins, configured privileged groups and desk staff in the privileged tier', () => {
    expect(tierOfTarget(plain, [])).toBe('standard');
    expect(tierOfTarget({ ...plain, directoryPrivileged: true }, [])).toBe('privileged');
    expect(tierOfTarget({ ...plain, isDeskStaff: true }, [])).toBe('privileged');
    expect(tierOfTarget({ ...plain, groupIds: ['staff', 'payroll-admins'] }, ['payroll-admins'])).toBe('privileged');
  });

  it('judges adding anyone to a privileged group as a privileged action', () => {
    const action = { type: 'add_group_member', groupId: 'domain-admins', expiresAt: null } as const;
    expect(tierOfRequest(plain, action, [], { groupId: 'domain-admins', directoryAdminGroup: true })).toBe('privileged');
    expect(tierOfRequest(plain, { ...action, groupId: 'payroll' }, ['payroll'], { groupId: 'payroll', directoryAdminGroup: false })).toBe(
      'privileged',
    );
    expect(tierOfRequest(plain, { ...action, groupId: 'printers' }, [], { groupId: 'printers', directoryAdminGroup: false })).toBe('standard');
  });

  it('takes the worse case when the facts about the group are missing or about another group', () => {
    const action = { type: 'remove_group_member', groupId: 'g1' } as const;
    expect(tierOfRequest(plain, action, [], null)).toBe('privileged');
    expect(tierOfRequest(plain, action, [], { groupId: 'g2', directoryAdminGroup: false })).toBe('privileged');
    expect(tierOfRequest(plain, { type: 'unlock_account' }, [], null)).toBe('standard');
  });
});

describe('the action contract', () => {
  it('accepts each action with its own fields only', () => {
    expect(AccessActionSchema.safeParse({ type: 'add_group_member', groupId: 'g1', expiresAt: null }).success).toBe(true);
    expect(AccessActionSchema.safeParse({ type: 'assign_license', poolId: 'm365-e3' }).success).toBe(true);
    expect(AccessActionSchema.safeParse({ type: 'reset_password', newPassword: 'hunter2' }).success).toBe(false);
    expect(AccessActionSchema.safeParse({ type: 'add_group_member', groupId: '' , expiresAt: null }).success).toBe(false);
    expect(AccessActionSchema.safeParse({ type: 'grant_admin' }).success).toBe(false);
  });
});
