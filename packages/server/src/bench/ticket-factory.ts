import {
  formatTicketNumber,
  priorityFor,
  priorityFromRank,
  priorityRank,
  queueDueAt,
  type Level,
  type PriorityMatrix,
  type TicketStatus,
} from '@deskside/shared';
import type { NewTicketRow } from '../db/types.js';
import { agentNote, COMMON_QUERY_WORD, RARE_QUERY_WORD, type Rng, ticketText } from './vocabulary.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The people and groups seeded tickets point at. */
export interface SeedCast {
  adminId: number;
  requesterIds: number[];
  /** Agents per group id; the intake group is first. */
  groups: { id: number; weight: number; agentIds: number[] }[];
  priorityMatrix: PriorityMatrix;
  autoCloseDays: number;
}

/** One ticket as the app would have left it, with its 'created' event and search document. */
export interface SeedTicket {
  row: NewTicketRow & { id: number };
  event: { actorId: number | null; data: string; createdAt: number };
  searchText: string;
}

// Most tickets are long closed; about 15% are still open, as the brief's desk has a backlog.
const STATUS_MIX: [TicketStatus, number][] = [
  ['closed', 0.72], ['resolved', 0.13], ['new', 0.03], ['acknowledged', 0.03],
  ['in_progress', 0.04], ['pending', 0.03], ['restored', 0.02],
];
const CATEGORIES = ['Hardware', 'Software', 'Network', 'Access', 'Email', 'Printing', 'Telephony', 'Security'];
const CHANNELS = [['portal', 0.5], ['desk', 0.3], ['email', 0.1], ['api', 0.1]] as const;

function weighted<T>(rng: Rng, options: readonly (readonly [T, number])[]): T {
  let u = rng.next();
  for (const [value, weight] of options) {
    if ((u -= weight) < 0) return value;
  }
  return options[options.length - 1]![0];
}

/** Makes tickets in id order, numbered per type, spread over `spanDays` up to `now`. */
export class TicketFactory {
  incidentSeq = 0;
  requestSeq = 0;
  commonMentions = 0;
  rareMentions = 0;
  private readonly groupOptions: (readonly [SeedCast['groups'][number], number])[];

  constructor(
    private readonly cast: SeedCast,
    private readonly rng: Rng,
    private readonly total: number,
    private readonly now: number,
    private readonly spanDays = 3 * 365,
  ) {
    this.groupOptions = cast.groups.map((g) => [g, g.weight] as const);
  }

  /** The ticket with this id (1-based), created at its place in the history. */
  make(id: number): SeedTicket {
    const rng = this.rng;
    const createdAt = Math.floor(this.now - this.spanDays * DAY + ((id - 0.5) / this.total) * (this.spanDays * DAY - HOUR));
    const type = rng.chance(0.7) ? 'incident' : 'service_request';
    const number = formatTicketNumber(type, type === 'incident' ? ++this.incidentSeq : ++this.requestSeq);
    const text = ticketText(rng);
    if (text.topic === COMMON_QUERY_WORD || text.second === COMMON_QUERY_WORD) this.commonMentions++;
    if (text.rare === RARE_QUERY_WORD) this.rareMentions++;
    const impact = rng.int(1, 3) as Level;
    const urgency = rng.int(1, 3) as Level;
    const matrixPriority = priorityFor(this.cast.priorityMatrix, impact, urgency);
    const override = rng.chance(0.01) ? rng.int(1, 4) : null;
    const priority = override ?? priorityRank(matrixPriority);
    const channel = weighted(rng, CHANNELS);
    const requesterId = rng.pick(this.cast.requesterIds);
    const intake = this.cast.groups[0]!;
    const status = weighted(rng, STATUS_MIX);
    const group = status === 'new' && rng.chance(0.8) ? intake : weighted(rng, this.groupOptions);
    const createdById = channel === 'portal' || channel === 'email' ? requesterId : channel === 'api' ? this.cast.adminId : rng.pick(intake.agentIds);

    const row: SeedTicket['row'] = {
      id, number, type, subject: text.subject, description: text.description, status, is_open: 0, pending_reason: null,
      impact, urgency, priority, priority_override: override, priority_override_reason: override ? 'Business-critical for the requester' : null,
      category: rng.chance(0.3) ? rng.pick(CATEGORIES) : null, version: 1, channel, requester_id: requesterId,
      created_by_id: createdById, group_id: group.id, assignee_id: null, accepted_at: null, accepted_by_id: null,
      acknowledged_at: null, restatement: null, next_update_at: null, restored_at: null, workaround: null, resolved_at: null,
      symptom: null, cause: null, resolution: null, closed_at: null, confirmed_at: null, auto_close_at: null,
      reopen_count: 0, due_at: 0, sla_policy_id: null, created_at: createdAt, updated_at: createdAt,
    };
    const agentText = this.live(row, group, status, text.topic);
    row.is_open = ['closed', 'resolved'].includes(status) ? 0 : 1;
    row.due_at = queueDueAt({
      status, priority: priorityFromRank(priority), createdAt, updatedAt: row.updated_at,
      nextUpdateAt: row.next_update_at ?? null, resolvedAt: row.resolved_at ?? null, closedAt: row.closed_at ?? null,
    });
    const event = {
      actorId: createdById,
      data: JSON.stringify({ impact, urgency, priority: matrixPriority, channel, groupId: intake.id }),
      createdAt,
    };
    return { row, event, searchText: [`${number} ${text.subject}\n${text.description}`, ...agentText].join('\n') };
  }

  /** Plays the ticket's life forward to its status; returns the text agents added (indexed too). */
  private live(row: SeedTicket['row'], group: SeedCast['groups'][number], status: TicketStatus, topic: string): string[] {
    const rng = this.rng;
    const added: string[] = [];
    if (status === 'new') return added;
    let t = row.created_at + rng.int(2, 240) * MINUTE;
    let version = 1;
    if (group.agentIds.length > 0 && rng.chance(0.85)) {
      row.assignee_id = rng.pick(group.agentIds);
      version++;
      if (rng.chance(0.85)) {
        row.accepted_at = t;
        row.accepted_by_id = row.assignee_id;
        version++;
      }
    }
    row.acknowledged_at = t;
    row.restatement = agentNote(rng, topic);
    added.push(row.restatement);
    row.next_update_at = t + rng.int(1, 72) * HOUR;
    version++;
    if (status === 'acknowledged') return this.finish(row, t, version, added);
    t += rng.int(5, 600) * MINUTE;
    version++;
    if (status === 'in_progress') return this.finish(row, t, version, added);
    if (status === 'pending') {
      row.pending_reason = rng.pick(['user', 'vendor', 'change'] as const);
      return this.finish(row, t, version + 1, added);
    }
    if (rng.chance(0.5) || status === 'restored') {
      row.restored_at = t;
      row.workaround = agentNote(rng, topic);
      added.push(row.workaround);
      version++;
      if (status === 'restored') return this.finish(row, t, version, added);
      t += rng.int(1, 72) * HOUR;
    }
    if (status === 'resolved') t = Math.max(t, this.now - rng.int(1, this.cast.autoCloseDays * 24 - 1) * HOUR);
    row.resolved_at = Math.min(t, this.now - MINUTE);
    row.restored_at ??= row.resolved_at;
    row.symptom = agentNote(rng, topic);
    row.cause = agentNote(rng, topic);
    row.resolution = agentNote(rng, topic);
    row.category ??= rng.pick(CATEGORIES);
    added.push(`${row.symptom}\n${row.cause}\n${row.resolution}\n${row.category}`);
    version++;
    if (status === 'resolved') {
      row.auto_close_at = row.resolved_at + this.cast.autoCloseDays * DAY;
      return this.finish(row, row.resolved_at, version, added);
    }
    const confirmed = rng.chance(0.4);
    row.closed_at = Math.min(row.resolved_at + (confirmed ? rng.int(10, 48 * 60) * MINUTE : this.cast.autoCloseDays * DAY), this.now - MINUTE);
    row.confirmed_at = confirmed ? row.closed_at : null;
    if (rng.chance(0.03)) row.reopen_count = 1;
    return this.finish(row, row.closed_at, version + 1 + row.reopen_count * 2, added);
  }

  private finish(row: SeedTicket['row'], at: number, version: number, added: string[]): string[] {
    row.updated_at = Math.min(Math.max(at, row.created_at), this.now - MINUTE);
    row.version = version;
    return added;
  }
}
