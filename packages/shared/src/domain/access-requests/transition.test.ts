import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_POLICY } from './access-policy.js';
import type { AccessAction } from './actions.js';
import { openAccessRequest, type AccessRequest } from './access-request.js';
import { ACCESS_REQUEST_STATES, nextStates } from './request-states.js';
import { requirementsFor, type StricterRequirement } from './requirements.js';
import { transition, type AccessRequestEvent, type TransitionResult } from './transition.js';
import type { Verification } from './verification.js';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 2, 9);

function open(options: { action?: AccessAction; tier?: 'standard' | 'privileged'; signals?: StricterRequirement[] } = {}): AccessRequest {
  const action = options.action ?? { type: 'reset_password' };
  const requirements = requirementsFor(DEFAULT_ACCESS_POLICY, {
    action: action.type,
    targetTier: options.tier ?? 'standard',
    signalsRequirements: options.signals ?? [],
    breakGlass: false,
  });
  const opened = openAccessRequest({
    ...{ id: 'req-1', action, targetId: 'user-1', requesterId: 'agent-1', requirements },
    ...{ breakGlassReason: null, now: NOW, lifetimeMinutes: 60 },
  });
  if (!opened.ok) throw new Error(opened.reason);
  return opened.request;
}
const boundTo = (r: AccessRequest, at: number) => ({ requestId: r.id, targetId: r.targetId, action: r.action.type, verifiedAt: at });
const otp = (r: AccessRequest, at = NOW): Extract<Verification, { method: 'directory_otp' }> => ({
  ...boundTo(r, at),
  id: `otp-${at}`,
  method: 'directory_otp',
  factorOwnerId: r.targetId,
});
const call = (r: AccessRequest, at = NOW): Verification => ({
  ...boundTo(r, at),
  id: `call-${at}`,
  method: 'callback_of_record',
  phoneOwnerId: r.targetId,
  phoneOfRecordChangedAt: null,
});
const approve = (approverId: string, securityReviewer = false): AccessRequestEvent => ({ type: 'approve', approverId, securityReviewer });

function ok(result: TransitionResult): AccessRequest {
  if (!result.ok) throw new Error(`refused: ${result.refusal.reason} ${result.refusal.missing.join(' | ')}`);
  return result.request;
}
function run(request: AccessRequest, events: AccessRequestEvent[], now = NOW): AccessRequest {
  return events.reduce((r, e) => ok(transition(r, e, now)), request);
}

describe('the access request state machine', () => {
  it('allows exactly the moves of the lifecycle', () => {
    const table = (approval: boolean) => Object.fromEntries(ACCESS_REQUEST_STATES.map((s) => [s, [...nextStates(s, approval)]]));
    expect(table(true)).toEqual({
      requested: ['verified', 'refused', 'expired'],
      verified: ['approved', 'refused', 'expired'],
      approved: ['unknown_outcome', 'refused', 'expired'],
      unknown_outcome: ['executed', 'approved'],
      executed: ['notified'],
      notified: [],
      refused: [],
      expired: [],
    });
    expect(table(false)).toMatchObject({ verified: ['unknown_outcome', 'refused', 'expired'], approved: [], unknown_outcome: ['executed', 'verified'] });
  });

  it('walks a standard unlock from requested to notified', () => {
    const r = open({ action: { type: 'unlock_account' } });
    const states = [r.state];
    let current = r;
    const events: AccessRequestEvent[] = [
      { type: 'verify', verification: otp(r) },
      { type: 'start_execution' },
      { type: 'confirm_applied', source: 'directory_reply' },
      { type: 'record_notified' },
    ];
    for (const e of events) {
      current = ok(transition(current, e, NOW + MINUTE));
      states.push(current.state);
    }
    expect(states).toEqual(['requested', 'verified', 'unknown_outcome', 'executed', 'notified']);
    expect(current).toMatchObject({ executionAttempts: 1, executedAt: NOW + MINUTE, notifiedAt: NOW + MINUTE });
  });

  it('walks a privileged reset through two methods and two approvers', () => {
    const r = open({ tier: 'privileged' });
    const afterOtp = run(r, [{ type: 'verify', verification: otp(r) }]);
    expect(afterOtp.state).toBe('requested');
    const verified = run(afterOtp, [{ type: 'verify', verification: call(r) }]);
    expect(verified.state).toBe('verified');
    expect(run(verified, [approve('lead-1')]).state).toBe('verified');
    const approved = run(verified, [approve('lead-1'), approve('lead-2')]);
    expect(approved.state).toBe('approved');
    expect(run(approved, [{ type: 'start_execution' }]).state).toBe('unknown_outcome');
  });

  it('answers calls out of order with a refusal naming the allowed next states', () => {
    const r = open({ tier: 'privileged' });
    const early = transition(r, { type: 'start_execution' }, NOW);
    expect(early).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'out_of_order', allowed: ['verified', 'refused', 'expired'] }) });
    expect(transition(r, approve('lead-1'), NOW)).toMatchObject({ ok: false, refusal: { code: 'out_of_order' } });
    expect(transition(r, { type: 'record_notified' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'out_of_order' } });
    expect(transition(r, { type: 'confirm_applied', source: 'read_back' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'out_of_order' } });
    const verified = run(r, [{ type: 'verify', verification: otp(r) }, { type: 'verify', verification: call(r) }]);
    expect(transition(verified, { type: 'start_execution' }, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'out_of_order', allowed: ['approved', 'refused', 'expired'] },
    });
    const standard = run(open(), [{ type: 'verify', verification: otp(open()) }]);
    expect(transition(standard, approve('lead-1'), NOW)).toMatchObject({ ok: false, refusal: { reason: 'This request needs no approval' } });
  });

  it('refuses approvals from the requester, the target, or the same person twice', () => {
    const r = open({ tier: 'privileged' });
    const verified = run(r, [{ type: 'verify', verification: otp(r) }, { type: 'verify', verification: call(r) }]);
    for (const who of ['agent-1', 'user-1']) expect(transition(verified, approve(who), NOW)).toMatchObject({ ok: false, refusal: { code: 'approval_refused' } });
    expect(transition(run(verified, [approve('lead-1')]), approve('lead-1'), NOW)).toMatchObject({ ok: false, refusal: { code: 'approval_refused' } });
  });

  it('refuses a verification for another target or action with its reason, and a replayed one', () => {
    const r = open();
    const forOther = transition(r, { type: 'verify', verification: { ...otp(r), targetId: 'user-2', factorOwnerId: 'user-2' } }, NOW);
    expect(forOther).toMatchObject({ ok: false, refusal: { code: 'verification_refused', reason: expect.stringMatching(/another person/) } });
    const forOtherAction = transition(r, { type: 'verify', verification: { ...otp(r), action: 'reset_mfa' } }, NOW);
    expect(forOtherAction).toMatchObject({ ok: false, refusal: { code: 'verification_refused' } });
    const verified = run(r, [{ type: 'verify', verification: otp(r) }]);
    expect(transition(verified, { type: 'verify', verification: otp(r) }, NOW)).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
  });

  it('executes once: replays of start and confirmation are refused', () => {
    const r = open();
    const started = run(r, [{ type: 'verify', verification: otp(r) }, { type: 'start_execution' }]);
    expect(transition(started, { type: 'start_execution' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'out_of_order', allowed: ['executed', 'verified'] } });
    const executed = run(started, [{ type: 'confirm_applied', source: 'read_back' }]);
    expect(transition(executed, { type: 'confirm_applied', source: 'read_back' }, NOW)).toMatchObject({ ok: false });
    expect(transition(executed, { type: 'start_execution' }, NOW)).toMatchObject({ ok: false });
  });

  it('returns to the ready state when a read-back shows no change, and retries only through the gate again', () => {
    const r = open();
    const started = run(r, [{ type: 'verify', verification: otp(r) }, { type: 'start_execution' }]);
    const back = ok(transition(started, { type: 'confirm_not_applied', source: 'read_back', reason: 'account not found' }, NOW + MINUTE));
    expect(back).toMatchObject({ state: 'verified', lastReason: 'account not found', executionAttempts: 1 });
    const stale = transition(back, { type: 'start_execution' }, NOW + 11 * MINUTE);
    expect(stale).toMatchObject({ ok: false, refusal: { code: 'gate_not_satisfied' } });
    expect(stale.ok ? [] : stale.refusal.missing.join(' ')).toMatch(/11 minutes ago/);
    const refreshed = ok(transition(back, { type: 'verify', verification: otp(r, NOW + 11 * MINUTE) }, NOW + 11 * MINUTE));
    expect(ok(transition(refreshed, { type: 'start_execution' }, NOW + 12 * MINUTE))).toMatchObject({ state: 'unknown_outcome', executionAttempts: 2 });
  });

  it('takes the agent\'s record of a manual change only while the outcome is unknown, done or not done', () => {
    const r = open();
    const verified = run(r, [{ type: 'verify', verification: otp(r) }]);
    const recorded = { type: 'confirm_applied', source: 'agent_recorded' } as const;
    const notDone = { type: 'confirm_not_applied', source: 'agent_recorded', reason: 'the console refused: licence not available' } as const;
    // Before the write started, and after it settled, an agent's word changes nothing.
    for (const event of [recorded, notDone]) {
      expect(transition(r, event, NOW)).toMatchObject({ ok: false, refusal: { code: 'out_of_order' } });
      expect(transition(verified, event, NOW)).toMatchObject({ ok: false, refusal: { code: 'out_of_order', allowed: ['unknown_outcome', 'refused', 'expired'] } });
    }
    const started = run(verified, [{ type: 'start_execution' }]);
    const done = ok(transition(started, recorded, NOW + MINUTE));
    expect(done).toMatchObject({ state: 'executed', executedAt: NOW + MINUTE });
    expect(transition(done, recorded, NOW + MINUTE)).toMatchObject({ ok: false });
    expect(transition(done, notDone, NOW + MINUTE)).toMatchObject({ ok: false });
    const back = ok(transition(started, notDone, NOW + MINUTE));
    expect(back).toMatchObject({ state: 'verified', lastReason: 'the console refused: licence not available', executedAt: null });
    expect(transition(back, recorded, NOW + MINUTE)).toMatchObject({ ok: false });
  });

  it('never refuses or expires a request whose write may have applied', () => {
    const r = open();
    const started = run(r, [{ type: 'verify', verification: otp(r) }, { type: 'start_execution' }]);
    expect(transition(started, { type: 'refuse', byId: 'lead-1', reason: 'changed my mind' }, NOW)).toMatchObject({ ok: false });
    expect(transition(started, { type: 'expire' }, NOW + 2 * 60 * MINUTE)).toMatchObject({ ok: false });
  });

  it('expires an unfinished request at the end of its lifetime and refuses work on it after that', () => {
    const r = open();
    const later = NOW + 60 * MINUTE;
    expect(transition(r, { type: 'expire' }, later - 1)).toMatchObject({ ok: false, refusal: { code: 'not_due' } });
    expect(transition(r, { type: 'verify', verification: otp(r, later) }, later)).toMatchObject({
      ok: false,
      refusal: { code: 'request_expired', allowed: ['expired', 'refused'] },
    });
    expect(ok(transition(r, { type: 'expire' }, later)).state).toBe('expired');
  });

  it('refuses with a reason only, from any open state', () => {
    const r = open();
    expect(transition(r, { type: 'refuse', byId: 'agent-1', reason: '  ' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
    expect(ok(transition(r, { type: 'refuse', byId: 'agent-1', reason: 'caller hung up on callback' }, NOW))).toMatchObject({
      state: 'refused',
      lastReason: 'caller hung up on callback',
    });
  });

  it('holds a request with a security-review signal until a security reviewer approves', () => {
    const r = open({ signals: ['security_review'] });
    const verified = run(r, [{ type: 'verify', verification: otp(r) }]);
    expect(run(verified, [approve('lead-1')]).state).toBe('verified');
    expect(run(verified, [approve('sec-1', true)]).state).toBe('approved');
  });

  it('does not change the request it was given', () => {
    const r = open();
    const copy = structuredClone(r);
    transition(r, { type: 'verify', verification: otp(r) }, NOW);
    expect(r).toEqual(copy);
  });
});

describe('opening a request', () => {
  const requirements = requirementsFor(DEFAULT_ACCESS_POLICY, { action: 'reset_password', targetTier: 'standard', signalsRequirements: [], breakGlass: false });
  const base = {
    ...{ id: 'r', action: { type: 'reset_password' } as AccessAction, targetId: 'user-1', requesterId: 'agent-1', requirements },
    ...{ breakGlassReason: null, now: NOW, lifetimeMinutes: 60 },
  };

  it('refuses an agent acting on their own account', () => {
    expect(openAccessRequest({ ...base, requesterId: 'user-1' })).toMatchObject({ ok: false, reason: expect.stringMatching(/own account/) });
  });

  it('refuses requirements for another action and a membership that ends in the past', () => {
    expect(openAccessRequest({ ...base, action: { type: 'unlock_account' } }).ok).toBe(false);
    const add = requirementsFor(DEFAULT_ACCESS_POLICY, { action: 'add_group_member', targetTier: 'standard', signalsRequirements: [], breakGlass: false });
    expect(openAccessRequest({ ...base, requirements: add, action: { type: 'add_group_member', groupId: 'g', expiresAt: NOW } }).ok).toBe(false);
    expect(openAccessRequest({ ...base, requirements: add, action: { type: 'add_group_member', groupId: 'g', expiresAt: NOW + 1 } }).ok).toBe(true);
  });

  it('refuses break-glass without a real reason and keeps the reason on the evidence', () => {
    const glass = requirementsFor(DEFAULT_ACCESS_POLICY, { action: 'reset_password', targetTier: 'standard', signalsRequirements: [], breakGlass: true });
    expect(openAccessRequest({ ...base, requirements: glass, breakGlassReason: 'urgent' }).ok).toBe(false);
    const opened = openAccessRequest({ ...base, requirements: glass, breakGlassReason: 'Site outage; every factor of record lost' });
    expect(opened.ok && opened.request.evidence.breakGlassReason).toBe('Site outage; every factor of record lost');
  });
});
