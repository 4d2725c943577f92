import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS, type AccessActionType, type TargetTier } from './actions.js';
import { AccessPolicySchema, DEFAULT_ACCESS_POLICY, type AccessPolicy } from './access-policy.js';
import { evaluateGate, type Approval, type GateEvidence, type GateSubject } from './gate.js';
import { isAtLeastAsStrict, requirementsFor, STRICTER_REQUIREMENTS } from './requirements.js';
import { checkVerification, type Verification } from './verification.js';
import { VERIFICATION_METHODS } from './verification-methods.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOW = Date.UTC(2026, 10, 2, 9);
const PEOPLE = ['agent-1', 'agent-2', 'user-1', 'user-2', 'manager-1', 'lead-1', 'lead-2', 'sec-1'] as const;
const person = fc.constantFrom(...PEOPLE);
const actionType = fc.constantFrom(...ACCESS_ACTIONS);
const tier = fc.constantFrom<TargetTier>('standard', 'privileged');
const signals = fc.subarray([...STRICTER_REQUIREMENTS]);

const tierRule = (minApprovers: number) =>
  fc.subarray([...VERIFICATION_METHODS], { minLength: 1 }).chain((methods) =>
    fc.record({
      methods: fc.constant(methods),
      methodsRequired: fc.integer({ min: 1, max: methods.length }),
      approversRequired: fc.integer({ min: minApprovers, max: 3 }),
    }),
  );
const actionRule = fc.record({ standard: tierRule(0), privileged: tierRule(2) });
const rules = fc.record(Object.fromEntries(ACCESS_ACTIONS.map((a) => [a, actionRule])) as Record<AccessActionType, typeof actionRule>);
const policy: fc.Arbitrary<AccessPolicy> = fc.oneof(
  fc.constant(DEFAULT_ACCESS_POLICY),
  fc
    .record({ rules, verificationFreshMinutes: fc.integer({ min: 1, max: 60 }), callbackQuietDays: fc.integer({ min: 1, max: 30 }) })
    .map((p) => AccessPolicySchema.parse(p)),
);

/** Any verification about anyone, for any action, at any recent time, with any evidence. */
const verification: fc.Arbitrary<Verification> = fc
  .record({
    id: fc.uuid(),
    requestId: fc.constantFrom('req-1', 'req-2'),
    targetId: fc.constantFrom('user-1', 'user-2'),
    action: actionType,
    verifiedAt: fc.integer({ min: NOW - 90 * MINUTE, max: NOW + MINUTE }),
  })
  .chain((bound) =>
    fc.oneof(
      person.map((factorOwnerId): Verification => ({ ...bound, method: 'directory_otp', factorOwnerId })),
      fc
        .record({ owner: person, changedDaysAgo: fc.option(fc.integer({ min: 0, max: 40 })) })
        .map(({ owner, changedDaysAgo }): Verification => ({
          ...bound,
          method: 'callback_of_record',
          phoneOwnerId: owner,
          phoneOfRecordChangedAt: changedDaysAgo === null ? null : bound.verifiedAt - changedDaysAgo * DAY,
        })),
      fc
        .record({ approverId: person, directoryManagerId: fc.option(person) })
        .map((m): Verification => ({ ...bound, method: 'manager_approval', ...m })),
      fc.tuple(person, person).map((attesterIds): Verification => ({ ...bound, method: 'in_person_id', attesterIds })),
    ),
  );
const approval: fc.Arbitrary<Approval> = fc.record({ approverId: person, at: fc.constant(NOW), securityReviewer: fc.boolean() });
const evidence: fc.Arbitrary<GateEvidence> = fc.record({
  verifications: fc.array(verification, { maxLength: 6 }),
  approvals: fc.array(approval, { maxLength: 4 }),
  breakGlassReason: fc.option(fc.constantFrom('short', 'A long enough reason written by the agent')),
});
/** Evidence that proves identity for req-1 / user-1 by every method, so the approvals decide. */
const provenFor = (action: AccessActionType): Verification[] => {
  const bound = { requestId: 'req-1', targetId: 'user-1', action, verifiedAt: NOW - MINUTE } as const;
  return [
    { ...bound, id: 'otp', method: 'directory_otp', factorOwnerId: 'user-1' },
    { ...bound, id: 'call', method: 'callback_of_record', phoneOwnerId: 'user-1', phoneOfRecordChangedAt: null },
    { ...bound, id: 'mgr', method: 'manager_approval', approverId: 'manager-1', directoryManagerId: 'manager-1' },
    { ...bound, id: 'id', method: 'in_person_id', attesterIds: ['agent-1', 'agent-2'] },
  ];
};
const evidenceFor = (action: AccessActionType): fc.Arbitrary<GateEvidence> =>
  fc.oneof(
    evidence,
    evidence.chain((ev) => fc.subarray(provenFor(action)).map((proven) => ({ ...ev, verifications: [...proven, ...ev.verifications] }))),
  );
const actionWithEvidence = actionType.chain((a) => fc.tuple(fc.constant(a), evidenceFor(a)));
const subject = (action: AccessActionType, requesterId: string): GateSubject => ({ id: 'req-1', targetId: 'user-1', action, requesterId });
const requester = fc.constantFrom('agent-1', 'agent-2');

describe('requirements only ever tighten (property)', () => {
  it('adding signal requirements never loosens, by structure or by outcome', () => {
    fc.assert(
      fc.property(policy, actionWithEvidence, tier, fc.boolean(), signals, signals, requester, (p, [action, ev], t, breakGlass, some, more, who) => {
        const looser = requirementsFor(p, { action, targetTier: t, breakGlass, signalsRequirements: some });
        const stricter = requirementsFor(p, { action, targetTier: t, breakGlass, signalsRequirements: [...some, ...more] });
        expect(isAtLeastAsStrict(stricter, looser)).toBe(true);
        if (evaluateGate(subject(action, who), stricter, ev, NOW).satisfied) {
          expect(evaluateGate(subject(action, who), looser, ev, NOW).satisfied).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a VIP target never gets lighter requirements', () => {
    fc.assert(
      fc.property(policy, actionType, tier, fc.boolean(), signals, (p, action, t, breakGlass, s) => {
        const input = { action, targetTier: t, breakGlass, signalsRequirements: s };
        const vip = requirementsFor(p, { ...input, targetIsVip: true });
        const anyone = requirementsFor(p, { ...input, targetIsVip: false });
        expect(isAtLeastAsStrict(vip, anyone)).toBe(true);
        expect(vip).toEqual(requirementsFor(p, input));
      }),
    );
  });

  it('break-glass never asks for fewer methods or approvers, and always for two approvers and a reason', () => {
    fc.assert(
      fc.property(policy, actionType, tier, signals, (p, action, t, s) => {
        const normal = requirementsFor(p, { action, targetTier: t, breakGlass: false, signalsRequirements: s });
        const glass = requirementsFor(p, { action, targetTier: t, breakGlass: true, signalsRequirements: s });
        expect(glass.methodsRequired).toBeGreaterThanOrEqual(normal.methodsRequired);
        expect(glass.approversRequired).toBeGreaterThanOrEqual(Math.max(2, normal.approversRequired));
        expect(glass).toMatchObject({ alertSecurityAtOnce: true, reasonMinLength: expect.any(Number) });
      }),
    );
  });
});

describe('privileged targets (property)', () => {
  it('always need two distinct approvers other than requester and target, even under a policy that skipped the schema', () => {
    const hollowed = policy.map((p) => {
      const copy = structuredClone(p);
      for (const a of ACCESS_ACTIONS) copy.rules[a].privileged.approversRequired = 0;
      return copy;
    });
    let satisfied = 0;
    fc.assert(
      fc.property(hollowed, actionWithEvidence, fc.boolean(), signals, requester, (p, [action, ev], breakGlass, s, who) => {
        const r = requirementsFor(p, { action, targetTier: 'privileged', breakGlass, signalsRequirements: s });
        expect(r.approversRequired).toBeGreaterThanOrEqual(2);
        const gate = evaluateGate(subject(action, who), r, ev, NOW);
        const counted = new Set(ev.approvals.map((a) => a.approverId).filter((id) => id !== who && id !== 'user-1'));
        if (gate.satisfied) {
          satisfied += 1;
          expect(counted.size).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: 500 },
    );
    expect(satisfied).toBeGreaterThan(20);
  });
});

describe('verifications are bound and fresh (property)', () => {
  const ctx = (v: Verification, over: Partial<Parameters<typeof checkVerification>[1]> = {}) => ({
    requestId: v.requestId,
    targetId: v.targetId,
    action: v.action,
    requesterId: 'agent-1',
    now: NOW,
    policy: { verificationFreshMinutes: 10, callbackQuietDays: 7 },
    ...over,
  });

  it('one bound to target A and action X never satisfies target B or action Y', () => {
    fc.assert(
      fc.property(verification, fc.constantFrom('user-1', 'user-2', 'user-3'), actionType, policy, (v, targetId, action, p) => {
        fc.pre(targetId !== v.targetId || action !== v.action);
        expect(checkVerification(v, ctx(v, { targetId, action })).ok).toBe(false);
        const r = requirementsFor(p, { action, targetTier: 'standard', breakGlass: false, signalsRequirements: [] });
        const onlyThis: GateEvidence = { verifications: [v], approvals: [], breakGlassReason: null };
        const gate = evaluateGate({ id: v.requestId, targetId, action, requesterId: 'agent-1' }, r, onlyThis, NOW);
        expect(gate.satisfied).toBe(false);
      }),
    );
  });

  it('an expired one never satisfies, whatever else it gets right', () => {
    fc.assert(
      fc.property(verification, fc.integer({ min: 1, max: 60 }), fc.nat({ max: 30 * DAY }), policy, (v, freshMinutes, late, p) => {
        const now = v.verifiedAt + freshMinutes * MINUTE + late;
        const check = checkVerification(v, ctx(v, { now, policy: { verificationFreshMinutes: freshMinutes, callbackQuietDays: 7 } }));
        expect(check).toMatchObject({ ok: false, code: 'expired' });
        const rule = requirementsFor(p, { action: v.action, targetTier: 'standard', breakGlass: false, signalsRequirements: [] });
        const r = { ...rule, verificationFreshMinutes: freshMinutes };
        const stale: GateEvidence = { verifications: [v, { ...v, id: `${v.id}-again` }], approvals: [], breakGlassReason: null };
        expect(evaluateGate({ id: v.requestId, targetId: v.targetId, action: v.action, requesterId: 'agent-1' }, r, stale, now).satisfied).toBe(false);
      }),
    );
  });
});
