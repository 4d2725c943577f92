import type { PriorityMatrix } from '@deskside/shared';
import { openDatabase, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { ensureDeskDefaults } from '../modules/identity/ensure-desk-defaults.js';
import { createUser, defaultIntakeGroup, listGroups } from '../modules/identity/index.js';
import { getDeskSettings } from '../modules/settings/index.js';
import { seedPostgresTickets } from './seed-postgres.js';
import { seedSqliteTickets } from './seed-sqlite.js';
import { type SeedCast, TicketFactory } from './ticket-factory.js';
import { COMMON_QUERY_WORD, personName, RARE_QUERY_WORD, Rng } from './vocabulary.js';

export type BenchDialect = 'sqlite' | 'postgres';

export interface SeedOptions {
  dialect: BenchDialect;
  tickets: number;
  dataDir: string;
  databaseUrl?: string;
  adminEmail: string;
  adminPassword: string;
  requesters: number;
  agentsPerGroup: number;
  log: (line: string) => void;
}

export interface SeedResult {
  tickets: number;
  seconds: number;
  ticketsPerSecond: number;
  requesters: number;
  agents: number;
  /** How many seeded tickets mention each query word (their search documents contain it). */
  words: { common: { word: string; tickets: number }; rare: { word: string; tickets: number } };
}

/** Where the bulk writers put tickets; each dialect writes rows exactly as the app's use cases would. */
export interface TicketSink {
  factory: TicketFactory;
  total: number;
  batchSize: number;
  log: (line: string) => void;
}

// The seed is deterministic, so two runs (and two dialects) hold the same desk.
const SEED = 20261123;

/**
 * Builds a desk of `tickets` tickets: the real migrations and defaults, the admin
 * through the app's own createUser, then people and tickets bulk-inserted in SQL.
 */
export async function seedDesk(opts: SeedOptions): Promise<{ summary: SeedResult; requesterIds: number[] }> {
  const started = performance.now();
  const now = Date.now();
  const handle = openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir, poolSize: 2 });
  let cast: SeedCast;
  try {
    await migrateToLatest(handle.db);
    await ensureDeskDefaults(handle.db, now);
    cast = await seedPeople(handle.db, opts, now);
  } finally {
    await handle.close();
  }
  const factory = new TicketFactory(cast, new Rng(SEED), opts.tickets, now);
  const sink: TicketSink = { factory, total: opts.tickets, batchSize: opts.dialect === 'sqlite' ? 50_000 : 10_000, log: opts.log };
  if (opts.dialect === 'sqlite') await seedSqliteTickets(handle.file!, sink);
  else await seedPostgresTickets(opts.databaseUrl!, sink);
  const seconds = (performance.now() - started) / 1000;
  const summary: SeedResult = {
    tickets: opts.tickets,
    seconds: Math.round(seconds * 10) / 10,
    ticketsPerSecond: Math.round(opts.tickets / seconds),
    requesters: cast.requesterIds.length,
    agents: cast.groups.reduce((n, g) => n + g.agentIds.length, 0),
    words: {
      common: { word: COMMON_QUERY_WORD, tickets: factory.commonMentions },
      rare: { word: RARE_QUERY_WORD, tickets: factory.rareMentions },
    },
  };
  return { summary, requesterIds: cast.requesterIds };
}

// Tickets land mostly on the intake group; the other default groups share the rest.
const GROUP_WEIGHTS = [0.5, 0.2, 0.15, 0.1, 0.05];

async function seedPeople(db: Db, opts: SeedOptions, now: number): Promise<SeedCast> {
  const intake = await defaultIntakeGroup(db);
  if (!intake) throw new Error('the desk has no groups after ensureDeskDefaults');
  const admin = await db.transaction().execute((tx) =>
    createUser(tx, { email: opts.adminEmail, name: 'Administrator', role: 'admin', password: opts.adminPassword, groupIds: [intake.id], now }),
  );
  const groups = (await listGroups(db)).sort((a, b) => (a.id === intake.id ? -1 : b.id === intake.id ? 1 : a.id - b.id));
  const people = [
    ...groups.flatMap((g, gi) =>
      Array.from({ length: opts.agentsPerGroup }, (_, i) => ({ role: 'agent' as const, email: `agent${gi + 1}-${i + 1}@bench.example`, groupId: g.id })),
    ),
    ...Array.from({ length: opts.requesters }, (_, i) => ({ role: 'requester' as const, email: `person${i + 1}@bench.example`, groupId: null })),
  ];
  const requesterIds: number[] = [];
  const agents = new Map<number, number[]>(groups.map((g) => [g.id, []]));
  for (let i = 0; i < people.length; i += 500) {
    const chunk = people.slice(i, i + 500);
    const rows = await db
      .insertInto('users')
      .values(chunk.map((p, j) => ({
        email: p.email, name: personName(i + j), role: p.role, password_hash: null, phone: null,
        disabled_at: null, created_at: now, updated_at: now,
      })))
      .returning(['id', 'email'])
      .execute();
    const idByEmail = new Map(rows.map((r) => [r.email, r.id]));
    for (const p of chunk) {
      const id = idByEmail.get(p.email)!;
      if (p.groupId === null) requesterIds.push(id);
      else agents.get(p.groupId)!.push(id);
    }
  }
  const members = [...agents].flatMap(([groupId, ids]) => ids.map((userId) => ({ group_id: groupId, user_id: userId })));
  if (members.length > 0) await db.insertInto('group_members').values(members).execute();
  const settings = await getDeskSettings(db);
  opts.log(`people: admin #${admin.id}, ${members.length} agents, ${requesterIds.length} requesters`);
  return {
    adminId: admin.id,
    requesterIds,
    groups: groups.map((g, i) => ({ id: g.id, weight: GROUP_WEIGHTS[i] ?? 0.05, agentIds: agents.get(g.id)! })),
    priorityMatrix: settings.priorityMatrix as PriorityMatrix,
    autoCloseDays: settings.autoCloseDays,
  };
}
