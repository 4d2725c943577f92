// The SLA suite of `npm run bench` (run-bench.ts --suites sla). Seeds 100,000 open tickets with realistic event histories into a fresh database, then
// times computing the SLA status of all of them through the server's own compute path
// (computeTicketSlas: events read a page of tickets at a time). Target: <= 2 s. Prints JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRIORITIES, priorityRank, timeToBreach, type PendingReason, type Priority, type TicketStatus } from '@deskside/shared';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import type { NewTicketRow } from '../db/types.js';
import { ensureDeskDefaults } from '../modules/identity/ensure-desk-defaults.js';
import { defaultIntakeGroup } from '../modules/identity/index.js';
import { computeTicketSlas, createSlaPolicy, DEFAULT_TARGETS, ensureSlaDefaults } from '../modules/sla/index.js';
import { slaEventsOf } from '../modules/sla/sla-events-repo.js';
import { createPostgresDatabase } from './bench-environment.js';

const TICKETS = Number(process.env.SLA_BENCH_TICKETS ?? 100_000);
const PAGE = 2_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 14, 30);

// Deterministic, so every run and both dialects measure the same desk.
let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

interface EventRow {
  ticket_id: number;
  type: string;
  visibility: 'public' | 'internal';
  actor_id: number;
  body: null;
  data: string;
  created_at: number;
}

/** One open ticket's history as the use cases would have stored it, notes and hand-offs included. */
function history(id: number, requesterId: number, agentId: number): { status: TicketStatus; reason: PendingReason | null; priority: Priority; createdAt: number; at: number; events: EventRow[] } {
  const createdAt = NOW - Math.floor(random() * 20 * DAY);
  let at = createdAt;
  const later = (maxMinutes: number) => (at = Math.min(NOW, at + Math.floor(random() * maxMinutes * MINUTE)));
  const events: EventRow[] = [];
  const add = (type: string, data: Record<string, unknown>, actor = agentId, visibility: 'public' | 'internal' = 'public') =>
    events.push({ ticket_id: id, type, visibility, actor_id: actor, body: null, data: JSON.stringify(data), created_at: at });
  let priority = pick(PRIORITIES);
  let status = 'new' as TicketStatus;
  let reason: PendingReason | null = null;
  const move = (to: TicketStatus, type = 'status_changed', extra: Record<string, unknown> = {}) => {
    add(type, { from: status, to, ...extra });
    status = to;
    reason = null;
  };
  add('created', { impact: 2, urgency: 2, priority, channel: 'portal', groupId: 1 }, requesterId);
  if (random() < 0.1) return { status, reason, priority, createdAt, at, events };
  later(240);
  move('acknowledged', 'acknowledged', { nextUpdateAt: new Date(at + 4 * 3_600_000).toISOString() });
  if (random() < 0.5) add('assigned', { groupId: 1, assigneeId: agentId }, agentId, 'internal');
  if (random() < 0.15) return { status, reason, priority, createdAt, at, events };
  later(600);
  move('in_progress');
  if (random() < 0.15) {
    later(600);
    const to = pick(PRIORITIES);
    if (to !== priority) add('field_changed', { field: 'priority', before: priority, after: to }, agentId, 'internal');
    priority = to;
  }
  for (let n = Math.floor(random() * 4); n > 0; n--) {
    later(900);
    if (random() < 0.3) add('internal_note', {}, agentId, 'internal');
    else add('public_reply', {}, random() < 0.7 ? agentId : requesterId);
  }
  if (random() < 0.4) {
    later(900);
    const why = pick(['user', 'vendor', 'change'] as const);
    move('pending', 'status_changed', { reason: why });
    reason = why;
    if (random() < 0.6) {
      later(3000);
      move('in_progress');
    }
  }
  if (status === 'in_progress' && random() < 0.3) {
    later(1200);
    move('restored');
  }
  return { status, reason, priority, createdAt, at, events };
}

async function seed100k(db: Db): Promise<{ events: number }> {
  seed = 7;
  await ensureDeskDefaults(db, NOW);
  await ensureSlaDefaults(db, 'Europe/Berlin', NOW);
  const group = (await defaultIntakeGroup(db))!;
  const users = await db
    .insertInto('users')
    .values([
      { email: 'requester@bench.example', name: 'Requester', role: 'requester', password_hash: null, phone: null, disabled_at: null, created_at: NOW, updated_at: NOW },
      { email: 'agent@bench.example', name: 'Agent', role: 'agent', password_hash: null, phone: null, disabled_at: null, created_at: NOW, updated_at: NOW },
    ])
    .returning('id')
    .execute();
  const [requesterId, agentId] = users.map((u) => u.id) as [number, number];
  const calendar = await db.selectFrom('calendars').select('id').where('always_open', '=', 1).executeTakeFirstOrThrow();
  // A tenth of the desk runs on a round-the-clock policy, the rest on the default office-hours one.
  const allDay = await db.transaction().execute((tx) =>
    createSlaPolicy(tx, { name: 'Around the clock', calendarId: calendar.id, targets: DEFAULT_TARGETS, pausedPendingReasons: ['user', 'vendor'], warnAtFraction: 0.75, conditions: { vipOnly: true }, position: 0, isDefault: false }, NOW),
  );
  let events = 0;
  for (let first = 1; first <= TICKETS; first += 500) {
    const tickets: (NewTicketRow & { id: number })[] = [];
    const rows: EventRow[] = [];
    for (let id = first; id < Math.min(TICKETS + 1, first + 500); id++) {
      const h = history(id, requesterId, agentId);
      rows.push(...h.events);
      tickets.push({
        id, number: `INC-${String(id).padStart(6, '0')}`, type: 'incident', subject: `Bench ticket ${id}`, description: 'x',
        status: h.status, is_open: 1, pending_reason: h.reason, impact: 2, urgency: 2, priority: priorityRank(h.priority),
        priority_override: null, priority_override_reason: null, category: null, version: h.events.length, channel: 'portal',
        requester_id: requesterId, created_by_id: requesterId, group_id: group.id, assignee_id: null, accepted_at: null, accepted_by_id: null,
        acknowledged_at: null, restatement: null, next_update_at: null, restored_at: null, workaround: null, resolved_at: null,
        symptom: null, cause: null, resolution: null, closed_at: null, confirmed_at: null, auto_close_at: null, reopen_count: 0,
        due_at: h.at, sla_policy_id: random() < 0.1 ? allDay.id : null, created_at: h.createdAt, updated_at: h.at,
      });
    }
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('tickets').values(tickets).execute();
      for (let i = 0; i < rows.length; i += 1000) await tx.insertInto('ticket_events').values(rows.slice(i, i + 1000)).execute();
    });
    events += rows.length;
  }
  return { events };
}

/** Reads every open ticket a page at a time and computes its SLA, as the queue presenter does; or only reads. */
async function computeAll(db: Db, readOnly = false): Promise<{ tickets: number; ms: number; breached: number }> {
  const started = performance.now();
  let tickets = 0;
  let breached = 0;
  for (let after = 0; ; ) {
    const page = await db
      .selectFrom('tickets')
      .select(['id', 'sla_policy_id', 'requester_id'])
      .where('is_open', '=', 1)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    if (readOnly) {
      await slaEventsOf(db, page.map((t) => t.id));
      tickets += page.length;
      after = page[page.length - 1]!.id;
      continue;
    }
    const slas = await computeTicketSlas(db, page, NOW);
    for (const sla of slas.values()) if (timeToBreach(sla.state, NOW) < 0) breached++;
    tickets += page.length;
    after = page[page.length - 1]!.id;
  }
  return { tickets, ms: Math.round(performance.now() - started), breached };
}

async function run(dialect: 'sqlite' | 'postgres', databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskside-sla-bench-'));
  const handle = openDatabase({ databaseUrl, dataDir, sqliteSynchronous: 'NORMAL', poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    const seeded = performance.now();
    const { events } = await seed100k(handle.db);
    const seedSeconds = Math.round((performance.now() - seeded) / 100) / 10;
    // Fresh tables: settle the planner's statistics before measuring, as autovacuum soon would.
    await sql`ANALYZE`.execute(handle.db);
    await computeAll(handle.db); // warm-up: caches, JIT, the database's pages
    const result = await computeAll(handle.db);
    const read = await computeAll(handle.db, true);
    return { dialect, tickets: result.tickets, events, seedSeconds, ms: result.ms, readMs: read.ms, usPerTicket: Math.round((result.ms * 1000) / result.tickets), breached: result.breached, targetMs: 2000 };
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** SQLite, then PostgreSQL when `databaseUrl` names a server the benchmark may create a database on. */
export async function measureSlaStatus(databaseUrl: string | undefined) {
  const results = [await run('sqlite', undefined)];
  if (databaseUrl) {
    const database = await createPostgresDatabase(databaseUrl);
    try {
      results.push(await run('postgres', database.url));
    } finally {
      await database.drop();
    }
  }
  return { tickets: TICKETS, targetMs: 2000, results };
}
