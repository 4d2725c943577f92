import { describe, expect, it } from 'vitest';
import { checkVerification, type Verification, type VerificationContext } from './verification.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOW = Date.UTC(2026, 10, 2, 9);
const ctx: VerificationContext = {
  requestId: 'req-1',
  targetId: 'user-1',
  action: 'reset_password',
  requesterId: 'agent-1',
  now: NOW,
  policy: { verificationFreshMinutes: 10, callbackQuietDays: 7 },
};
const bound = { id: 'v-1', requestId: 'req-1', targetId: 'user-1', action: 'reset_password', verifiedAt: NOW - 2 * MINUTE } as const;
const otp: Verification = { ...bound, method: 'directory_otp', factorOwnerId: 'user-1' };
const codeOf = (v: Verification, c: VerificationContext = ctx) => {
  const result = checkVerification(v, c);
  return result.ok ? 'ok' : result.code;
};

describe('checkVerification', () => {
  it('accepts a fresh verification bound to this request, target and action', () => {
    expect(codeOf(otp)).toBe('ok');
  });

  it('refuses it for another target, action or request, naming the reason', () => {
    expect(codeOf(otp, { ...ctx, targetId: 'user-2' })).toBe('other_target');
    expect(codeOf(otp, { ...ctx, action: 'reset_mfa' })).toBe('other_action');
    expect(codeOf(otp, { ...ctx, requestId: 'req-2' })).toBe('other_request');
    const refused = checkVerification(otp, { ...ctx, action: 'reset_mfa' });
    expect(refused.ok ? '' : refused.reason).toMatch(/reset_password.*reset_mfa/);
  });

  it('counts it for the configured minutes and not a millisecond longer, and never from the future', () => {
    expect(codeOf({ ...otp, verifiedAt: NOW - 10 * MINUTE + 1 })).toBe('ok');
    expect(codeOf({ ...otp, verifiedAt: NOW - 10 * MINUTE })).toBe('expired');
    expect(codeOf({ ...otp, verifiedAt: NOW - 25 * MINUTE }, { ...ctx, policy: { ...ctx.policy, verificationFreshMinutes: 30 } })).toBe('ok');
    expect(codeOf({ ...otp, verifiedAt: NOW + 1 })).toBe('from_the_future');
  });

  it('refuses a one-time code sent to a factor bound to someone else', () => {
    expect(codeOf({ ...otp, factorOwnerId: 'attacker' })).toBe('not_bound_to_target');
  });

  it('refuses a callback to a number that is not of record or changed within the quiet days', () => {
    const call: Verification = { ...bound, method: 'callback_of_record', phoneOwnerId: 'user-1', phoneOfRecordChangedAt: null };
    expect(codeOf(call)).toBe('ok');
    expect(codeOf({ ...call, phoneOwnerId: 'user-2' })).toBe('not_bound_to_target');
    expect(codeOf({ ...call, phoneOfRecordChangedAt: bound.verifiedAt - 6 * DAY })).toBe('phone_changed_recently');
    expect(codeOf({ ...call, phoneOfRecordChangedAt: bound.verifiedAt - 7 * DAY })).toBe('ok');
    expect(codeOf({ ...call, phoneOfRecordChangedAt: bound.verifiedAt - 20 * DAY }, { ...ctx, policy: { ...ctx.policy, callbackQuietDays: 30 } })).toBe(
      'phone_changed_recently',
    );
  });

  it("accepts manager approval only from the directory's manager, who is neither the target nor the requester", () => {
    const approval: Verification = { ...bound, method: 'manager_approval', approverId: 'manager-1', directoryManagerId: 'manager-1' };
    expect(codeOf(approval)).toBe('ok');
    expect(codeOf({ ...approval, approverId: 'lead-1' })).toBe('not_the_manager');
    expect(codeOf({ ...approval, directoryManagerId: null })).toBe('not_the_manager');
    expect(codeOf({ ...approval, approverId: 'user-1', directoryManagerId: 'user-1' })).toBe('verifier_is_target');
    expect(codeOf({ ...approval, approverId: 'agent-1', directoryManagerId: 'agent-1' })).toBe('verifier_is_requester');
  });

  it('needs two distinct agents for an in-person check, neither of them the target', () => {
    const seen: Verification = { ...bound, method: 'in_person_id', attesterIds: ['agent-1', 'agent-2'] };
    expect(codeOf(seen)).toBe('ok');
    expect(codeOf({ ...seen, attesterIds: ['agent-1', 'agent-1'] })).toBe('attesters_not_distinct');
    expect(codeOf({ ...seen, attesterIds: ['agent-1', 'user-1'] })).toBe('verifier_is_target');
  });

  it('never counts a method outside the approved list, even one smuggled in from storage', () => {
    const smuggled = JSON.parse(JSON.stringify({ ...bound, method: 'knowledge_questions' })) as Verification;
    expect(codeOf(smuggled)).toBe('unapproved_method');
  });
});
