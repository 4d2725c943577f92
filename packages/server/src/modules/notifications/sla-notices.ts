import type { SlaTargetName } from '@deskside/shared';
import type { Tx } from '../../db/connect.js';
import { enqueueNotification } from './enqueue-notification.js';

/** `warning`: the warn fraction of a target has passed; `breach`: its due time has; `silent`: a promised update is overdue. */
export type SlaNoticeStage = 'warning' | 'breach' | 'silent';

export interface SlaNotice {
  ticket: { id: number; number: string; subject: string };
  /** The owner, and at breach the group's lead too: decided by the caller. */
  recipientIds: readonly number[];
  target: SlaTargetName;
  stage: SlaNoticeStage;
  /** Epoch ms the target is (or was) due; part of the source, so a clock replayed to a new due time warns again. */
  dueAt: number;
  now: number;
}

const TARGET_WORDS: Record<SlaTargetName, string> = {
  firstResponse: 'first response',
  nextUpdate: 'next update',
  restore: 'restore',
  resolve: 'resolve',
};

/**
 * For the SLA engine: queues a warning, breach or going-silent notice in the caller's
 * transaction. Calling it again for the same ticket, target, stage and due time (every
 * sweep that still sees the breach) adds nothing.
 */
export function notifySlaWarning(tx: Tx, notice: SlaNotice): Promise<number | null> {
  const { ticket, target, stage } = notice;
  const words = TARGET_WORDS[target];
  const title =
    stage === 'warning'
      ? `${ticket.number}: ${words} due soon`
      : stage === 'breach'
        ? `${ticket.number}: ${words} target breached`
        : `${ticket.number} is going silent: the promised update is overdue`;
  return enqueueNotification(tx, {
    recipientIds: notice.recipientIds,
    ticketId: ticket.id,
    kind: `sla.${stage}`,
    title,
    body: ticket.subject,
    sourceKey: `sla:${ticket.id}:${target}:${stage}:${notice.dueAt}`,
    now: notice.now,
  });
}
