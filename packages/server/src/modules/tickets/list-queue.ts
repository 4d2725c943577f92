import { OPEN_STATUSES, TICKET_STATUSES, priorityRank, type QueueQuery } from '@deskside/shared';
import type { Db } from '../../db/connect.js';
import { invalid } from '../../errors.js';
import { type Actor, isStaff } from '../identity/index.js';
import { searchTicketIds } from '../search/index.js';
import { selectTicketViews, type TicketView } from './tickets-repo.js';

const SEARCH_BATCH = 200;
// A search page stops after this many batches even if not full, so a common word
// under a narrow filter still answers quickly; the cursor carries on from there.
const SEARCH_MAX_BATCHES = 10;

type Filtered = ReturnType<typeof selectTicketViews>;

/** Filters in the query, so a ticket the actor may not see is never loaded. */
function applyFilters(query: Filtered, actor: Actor, f: QueueQuery): Filtered {
  if (!isStaff(actor)) query = query.where('t.requester_id', '=', actor.id);
  const statuses = f.status ?? [...OPEN_STATUSES];
  const allOpen = statuses.length === OPEN_STATUSES.length && OPEN_STATUSES.every((s) => statuses.includes(s));
  // Every status is no filter at all; spelled out as IN (…) it led SQLite's planner to
  // read every ticket through the status index (75 ms per search at 1M tickets).
  const every = TICKET_STATUSES.every((s) => statuses.includes(s));
  if (allOpen) query = query.where('t.is_open', '=', 1);
  else if (!every) query = query.where('t.status', 'in', statuses);
  if (f.groupId !== undefined) query = query.where('t.group_id', '=', f.groupId);
  if (f.assigneeId === 'none') query = query.where('t.assignee_id', 'is', null);
  else if (f.assigneeId !== undefined) query = query.where('t.assignee_id', '=', f.assigneeId === 'me' ? actor.id : f.assigneeId);
  if (f.priority) query = query.where('t.priority', 'in', f.priority.map(priorityRank));
  if (f.type) query = query.where('t.type', '=', f.type);
  if (f.category) query = query.where('t.category', '=', f.category);
  if (f.requesterId !== undefined) query = query.where('t.requester_id', '=', f.requesterId);
  if (f.unaccepted === 'true') query = query.where('t.accepted_at', 'is', null);
  if (f.unaccepted === 'false') query = query.where('t.accepted_at', 'is not', null);
  return query;
}

type QueueCursor = { kind: 'queue'; priority: number; dueAt: number; id: number } | { kind: 'search'; before: number };

function encodeCursor(c: QueueCursor): string {
  const parts = c.kind === 'queue' ? ['q', c.priority, c.dueAt, c.id] : ['s', c.before];
  return Buffer.from(parts.join(':')).toString('base64url');
}

function decodeCursor(raw: string): QueueCursor {
  const parts = Buffer.from(raw, 'base64url').toString().split(':');
  const nums = parts.slice(1).map(Number);
  if (parts[0] === 'q' && nums.length === 3 && nums.every(Number.isSafeInteger)) {
    return { kind: 'queue', priority: nums[0]!, dueAt: nums[1]!, id: nums[2]! };
  }
  if (parts[0] === 's' && nums.length === 1 && Number.isSafeInteger(nums[0])) return { kind: 'search', before: nums[0]! };
  throw invalid('cursor', 'is not a cursor this desk issued');
}

/**
 * The queue: by priority, then the oldest promise or target, with keyset pages.
 * With `q`, the newest matching tickets first, through the search index.
 */
export async function listQueue(db: Db, actor: Actor, f: QueueQuery): Promise<{ items: TicketView[]; nextCursor: string | null }> {
  const cursor = f.cursor ? decodeCursor(f.cursor) : null;
  if (f.q) return searchQueue(db, actor, f, cursor?.kind === 'search' ? cursor.before : null);
  if (cursor && cursor.kind !== 'queue') throw invalid('cursor', 'belongs to a search; repeat the search');
  let query = applyFilters(selectTicketViews(db), actor, f);
  if (cursor) {
    query = query.where((eb) =>
      eb(eb.refTuple('t.priority', 't.due_at', 't.id'), '>', eb.tuple(cursor.priority, cursor.dueAt, cursor.id)),
    );
  }
  const rows = await query.orderBy('t.priority').orderBy('t.due_at').orderBy('t.id').limit(f.limit + 1).execute();
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > f.limit && last ? encodeCursor({ kind: 'queue', priority: last.priority, dueAt: last.due_at, id: last.id }) : null;
  return { items, nextCursor };
}

async function searchQueue(db: Db, actor: Actor, f: QueueQuery, start: number | null) {
  const staff = isStaff(actor);
  const scope = staff ? { publicOnly: false } : { publicOnly: true, requesterId: actor.id };
  const items: TicketView[] = [];
  let before = start;
  for (let batch = 0; batch < SEARCH_MAX_BATCHES; batch++) {
    const ids = await searchTicketIds(db, f.q!, scope, before, SEARCH_BATCH);
    if (ids.length === 0) return { items, nextCursor: null };
    const rows = await applyFilters(selectTicketViews(db), actor, { ...f, status: f.status ?? [...TICKET_STATUSES] })
      .where('t.id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      before = id;
      const row = byId.get(id);
      if (!row) continue;
      items.push(row);
      if (items.length === f.limit) return { items, nextCursor: encodeCursor({ kind: 'search', before: id }) };
    }
    if (ids.length < SEARCH_BATCH) return { items, nextCursor: null };
  }
  return { items, nextCursor: before === null ? null : encodeCursor({ kind: 'search', before }) };
}
