import type { Priority } from '../priority.js';
import type { PendingReason, TicketStatus } from '../ticket-status.js';

export const SLA_TARGETS = ['firstResponse', 'nextUpdate', 'restore', 'resolve'] as const;
export type SlaTargetName = (typeof SLA_TARGETS)[number];

/** Targets in business minutes; null means the priority has no such target. */
export type SlaTargetMinutes = Record<SlaTargetName, number | null>;

export interface SlaPolicy {
  targets: Record<Priority, SlaTargetMinutes>;
  /** Statuses that pause every clock whatever the reason. Default: none. */
  pausedStatuses?: readonly TicketStatus[];
  /** Pending reasons that pause the first-response, restore and resolve clocks. Default: user, vendor. */
  pausedPendingReasons?: readonly PendingReason[];
  /**
   * Pending reasons that pause the next-update cadence. Default: user only, because while
   * the desk waits on a vendor or a change the requester is still owed news.
   */
  cadencePausedPendingReasons?: readonly PendingReason[];
  /** Share of a target at which the desk is warned. Default 0.75. */
  warnAtFraction?: number;
}

export const DEFAULT_PAUSED_PENDING_REASONS: readonly PendingReason[] = ['user', 'vendor'];
export const DEFAULT_CADENCE_PAUSED_PENDING_REASONS: readonly PendingReason[] = ['user'];
export const DEFAULT_WARN_AT_FRACTION = 0.75;

/** A starting policy for a new desk, in business minutes; admins tune it per desk. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  targets: {
    P1: { firstResponse: 15, nextUpdate: 30, restore: 240, resolve: 480 },
    P2: { firstResponse: 30, nextUpdate: 120, restore: 480, resolve: 1440 },
    P3: { firstResponse: 120, nextUpdate: 480, restore: 1440, resolve: 4800 },
    P4: { firstResponse: 480, nextUpdate: 1440, restore: 2880, resolve: 9600 },
  },
};

/** The policy with its defaults filled in, as the replay reads it. */
export interface ResolvedPolicy {
  targetMs(priority: Priority, target: SlaTargetName): number | null;
  pausesClocks(status: TicketStatus, reason: PendingReason | null): boolean;
  pausesCadence(status: TicketStatus, reason: PendingReason | null): boolean;
  warnAtFraction: number;
}

const MINUTE = 60_000;

export function resolvePolicy(policy: SlaPolicy): ResolvedPolicy {
  const statuses = policy.pausedStatuses ?? [];
  const reasons = policy.pausedPendingReasons ?? DEFAULT_PAUSED_PENDING_REASONS;
  const cadenceReasons = policy.cadencePausedPendingReasons ?? DEFAULT_CADENCE_PAUSED_PENDING_REASONS;
  const pendingFor = (list: readonly PendingReason[], status: TicketStatus, reason: PendingReason | null) =>
    status === 'pending' && reason !== null && list.includes(reason);
  return {
    targetMs: (priority, target) => {
      const minutes = policy.targets[priority][target];
      return minutes === null ? null : minutes * MINUTE;
    },
    pausesClocks: (status, reason) => statuses.includes(status) || pendingFor(reasons, status, reason),
    pausesCadence: (status, reason) => statuses.includes(status) || pendingFor(cadenceReasons, status, reason),
    warnAtFraction: policy.warnAtFraction ?? DEFAULT_WARN_AT_FRACTION,
  };
}
