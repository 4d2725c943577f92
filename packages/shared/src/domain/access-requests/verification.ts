import type { AccessActionType } from './actions.js';
import { METHOD_LABELS, VERIFICATION_METHODS } from './verification-methods.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * One successful verification, as the server records it. It is bound to one request, one
 * target and one action; nothing in it is a secret (the code itself is never stored here).
 */
interface VerificationBinding {
  id: string;
  requestId: string;
  targetId: string;
  action: AccessActionType;
  /** When the method succeeded (epoch ms). Freshness counts from here. */
  verifiedAt: number;
}

export type Verification = VerificationBinding &
  (
    | {
        method: 'directory_otp';
        /** Who the directory binds the factor or contact to; the code went there, not to the caller. */
        factorOwnerId: string;
      }
    | {
        method: 'callback_of_record';
        /** Who the directory lists the dialled number for. There is no field for a typed number. */
        phoneOwnerId: string;
        /** When the number of record last changed, as the directory said at call time; null: never. */
        phoneOfRecordChangedAt: number | null;
      }
    | {
        method: 'manager_approval';
        /** The person who approved, signed in to their own session. */
        approverId: string;
        /** The target's manager according to the directory at approval time. */
        directoryManagerId: string | null;
      }
    | {
        method: 'in_person_id';
        /** The two agents who saw the ID document and the person. */
        attesterIds: readonly [string, string];
      }
  );

/** What a verification is checked against, with the policy's two numbers. */
export interface VerificationContext {
  requestId: string;
  targetId: string;
  action: AccessActionType;
  requesterId: string;
  now: number;
  policy: { verificationFreshMinutes: number; callbackQuietDays: number };
}

export const VERIFICATION_REFUSALS = [
  'unapproved_method',
  'other_request',
  'other_target',
  'other_action',
  'expired',
  'from_the_future',
  'not_bound_to_target',
  'phone_changed_recently',
  'not_the_manager',
  'verifier_is_target',
  'verifier_is_requester',
  'attesters_not_distinct',
] as const;
export type VerificationRefusalCode = (typeof VERIFICATION_REFUSALS)[number];

export type VerificationCheck = { ok: true } | { ok: false; code: VerificationRefusalCode; reason: string };

const refuse = (code: VerificationRefusalCode, reason: string): VerificationCheck => ({ ok: false, code, reason });

/** Whether a recorded verification may count for this request now; if not, why in plain words. */
export function checkVerification(verification: Verification, ctx: VerificationContext): VerificationCheck {
  // Records come back from storage as JSON: a method outside the list never counts.
  if (!(VERIFICATION_METHODS as readonly string[]).includes(verification.method)) {
    return refuse('unapproved_method', `${String(verification.method)} is not an approved verification method`);
  }
  const label = METHOD_LABELS[verification.method];
  if (verification.targetId !== ctx.targetId) {
    return refuse('other_target', `The ${label} verified another person; it cannot be used for this one`);
  }
  if (verification.action !== ctx.action) {
    return refuse('other_action', `The ${label} was done for ${verification.action}; it cannot be used for ${ctx.action}`);
  }
  if (verification.requestId !== ctx.requestId) {
    return refuse('other_request', `The ${label} belongs to another request; each request is verified on its own`);
  }
  if (verification.verifiedAt > ctx.now) {
    return refuse('from_the_future', `The ${label} is dated after now; it is not trusted`);
  }
  const freshMs = ctx.policy.verificationFreshMinutes * MINUTE;
  if (ctx.now - verification.verifiedAt >= freshMs) {
    const ago = Math.floor((ctx.now - verification.verifiedAt) / MINUTE);
    return refuse(
      'expired',
      `The ${label} was ${ago} minutes ago; verifications count for ${ctx.policy.verificationFreshMinutes} minutes, so it must be done again`,
    );
  }
  return checkMethodEvidence(verification, ctx);
}

function checkMethodEvidence(v: Verification, ctx: VerificationContext): VerificationCheck {
  switch (v.method) {
    case 'directory_otp':
      if (v.factorOwnerId !== ctx.targetId) {
        return refuse('not_bound_to_target', 'The one-time code went to a factor the directory binds to someone else');
      }
      return { ok: true };
    case 'callback_of_record': {
      if (v.phoneOwnerId !== ctx.targetId) {
        return refuse('not_bound_to_target', 'The number called is not the phone of record of this person');
      }
      const changedAt = v.phoneOfRecordChangedAt;
      // A number changed lately may be the attacker's own, put there by the same story.
      if (changedAt !== null && v.verifiedAt - changedAt < ctx.policy.callbackQuietDays * DAY) {
        return refuse(
          'phone_changed_recently',
          `The phone number of record changed less than ${ctx.policy.callbackQuietDays} days before the callback, so a callback does not count`,
        );
      }
      return { ok: true };
    }
    case 'manager_approval':
      if (v.approverId === ctx.targetId) return refuse('verifier_is_target', 'Nobody approves a request about their own account');
      if (v.directoryManagerId === null || v.approverId !== v.directoryManagerId) {
        return refuse('not_the_manager', "The approval came from someone the directory does not list as this person's manager");
      }
      // The agent who asks cannot also vouch for the target, even when they are the manager.
      if (v.approverId === ctx.requesterId) {
        return refuse('verifier_is_requester', 'The manager who approves must not be the agent handling the request');
      }
      return { ok: true };
    case 'in_person_id': {
      const [first, second] = v.attesterIds;
      if (first === second) return refuse('attesters_not_distinct', 'An in-person check needs two different agents');
      if (first === ctx.targetId || second === ctx.targetId) {
        return refuse('verifier_is_target', 'The person being verified cannot attest their own ID check');
      }
      return { ok: true };
    }
  }
}
