import type { Tx } from '../../db/connect.js';
import { enqueueJob } from '../../jobs/enqueue-job.js';
import { notifyJob } from './notify-job.js';

export interface NewNotification {
  recipientIds: readonly number[];
  ticketId?: number;
  /** What happened, for the web to tell kinds apart: `ticket.assigned`, `sla.breach`, … */
  kind: string;
  title: string;
  body?: string | null;
  /** The cause, unique per recipient (an event id, an SLA deadline): the same source never notifies twice. */
  sourceKey: string;
  now?: number;
}

const MAX_TITLE = 300;
const MAX_BODY = 2000;

/**
 * Queues a notification in the caller's own transaction (the outbox): it is delivered
 * only if the change that caused it commits, and never lost once it has. Returns the
 * job id, or null when there is nobody to tell or this source was queued already.
 */
export async function enqueueNotification(tx: Tx, n: NewNotification): Promise<number | null> {
  const recipientIds = [...new Set(n.recipientIds)];
  if (recipientIds.length === 0) return null;
  return enqueueJob(tx, {
    kind: notifyJob,
    payload: {
      recipientIds,
      ...(n.ticketId === undefined ? {} : { ticketId: n.ticketId }),
      kind: n.kind,
      // Clipped, not refused: a long subject must never make the change itself fail.
      title: clip(n.title, MAX_TITLE),
      ...(n.body ? { body: clip(n.body, MAX_BODY) } : {}),
      sourceKey: n.sourceKey,
    },
    dedupeKey: `notify:${n.sourceKey}`,
    ...(n.now === undefined ? {} : { now: n.now }),
  });
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
