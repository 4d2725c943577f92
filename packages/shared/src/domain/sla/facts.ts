import type { Priority } from '../priority.js';
import type { PendingReason, TicketStatus } from '../ticket-status.js';

/**
 * What the SLA clock needs to know of a ticket's history. `at` is epoch ms; facts may
 * arrive in any order and are replayed sorted by `at`, ties in the order given.
 */
export type SlaFact =
  | { kind: 'created'; at: number; priority: Priority }
  | { kind: 'statusChanged'; at: number; from: TicketStatus; to: TicketStatus; pendingReason?: PendingReason | null }
  | { kind: 'priorityChanged'; at: number; from: Priority; to: Priority }
  /** A public reply or acknowledgement by an agent: the next-update cadence starts again. */
  | { kind: 'publicUpdate'; at: number }
  /** The acknowledgement or first public agent reply. */
  | { kind: 'firstResponse'; at: number }
  | { kind: 'restored'; at: number }
  | { kind: 'resolved'; at: number }
  | { kind: 'reopened'; at: number };

export type SlaFactKind = SlaFact['kind'];
