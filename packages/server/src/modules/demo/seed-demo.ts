import type { Db, Tx } from '../../db/connect.js';
import { createUser, findGroupByName, findUserByEmail, hashPassword, insertGroup, type Actor } from '../identity/index.js';
import { autoCloseTickets } from '../tickets/index.js';
import { DEMO_GROUPS, DEMO_REQUESTERS, DEMO_STAFF, demoEmail, demoPhone, type DemoGroup, type DemoPerson } from './demo-people.js';
import { DAY, HOUR } from './demo-plan.js';
import { planEverydayTickets } from './demo-planner.js';
import { runPlan, type DemoDirectory } from './demo-runner.js';
import { planScenarioTickets } from './demo-scenarios.js';
import { createRng } from './prng.js';

export const DEMO_PASSWORD = 'demo-desk-password';

export interface DemoSeedResult {
  /** False when the desk already had tickets: the demo never mixes into real data. */
  created: boolean;
  accounts: { email: string; name: string; role: string }[];
  tickets: number;
}

const SEED = 20_261_123;
/** How often the demo's past is swept for resolved tickets nobody confirmed, like the worker does. */
const SWEEP_EVERY = 3 * HOUR;

/**
 * Seeds a believable demo organisation on a desk with no tickets: people across
 * departments, staff in every group, and a month of tickets in every state,
 * written through the same use cases as the API. Deterministic for a given `now`.
 */
export async function seedDemo(db: Db, now: number): Promise<DemoSeedResult> {
  const existing = await db.selectFrom('tickets').select('id').limit(1).executeTakeFirst();
  if (existing) return { created: false, accounts: [], tickets: 0 };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { directory, accounts } = await db.transaction().execute((tx) => addPeople(tx, now, passwordHash));

  const plans = [...planEverydayTickets(createRng(SEED), now), ...planScenarioTickets(now)];
  plans.sort((a, b) => a.createdAt - b.createdAt);
  for (const plan of plans) await runPlan(db, directory, plan);

  const oldest = plans[0]?.createdAt ?? now;
  for (let sweep = oldest + SWEEP_EVERY; sweep <= now; sweep += SWEEP_EVERY) await autoCloseTickets(db, sweep);

  return { created: true, accounts, tickets: plans.length };
}

/**
 * The demo's groups and people. Existing groups are reused by name; an address
 * somebody already has gets a numbered variant, so no real account is touched.
 */
async function addPeople(tx: Tx, now: number, passwordHash: string) {
  const groupIds = new Map<DemoGroup, number>();
  for (const group of DEMO_GROUPS) {
    const found = (await findGroupByName(tx, group.name)) ?? (await insertGroup(tx, { name: group.name, tier: group.tier, now }));
    groupIds.set(group.name, found.id);
  }
  const actors = new Map<string, Actor>();
  const accounts: DemoSeedResult['accounts'] = [];
  const people: DemoPerson[] = [...DEMO_STAFF, ...DEMO_REQUESTERS];
  for (const [index, person] of people.entries()) {
    const email = await freeAddress(tx, demoEmail(person));
    const ids = (person.groups ?? []).map((name) => groupIds.get(name)!);
    const user = await createUser(tx, { email, name: person.name, role: person.role, groupIds: ids, phone: demoPhone(index), now: now - 90 * DAY });
    actors.set(person.name, { id: user.id, name: user.name, email: user.email, role: user.role, groupIds: ids, scopes: null });
    if (person.listed) accounts.push({ email: user.email, name: user.name, role: user.role });
  }
  // One hash for everyone: argon2 is slow on purpose, and these accounts share a published password.
  const ids = [...actors.values()].map((a) => a.id);
  await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', 'in', ids).execute();

  const directory: DemoDirectory = {
    actor: (name) => {
      const actor = actors.get(name);
      if (!actor) throw new Error(`demo plan names ${name}, who is not in the demo directory`);
      return actor;
    },
    groupId: (name) => groupIds.get(name)!,
  };
  return { directory, accounts };
}

async function freeAddress(tx: Tx, email: string): Promise<string> {
  const [local, domain] = email.split('@') as [string, string];
  let candidate = email;
  for (let n = 2; await findUserByEmail(tx, candidate); n++) candidate = `${local}.${n}@${domain}`;
  return candidate;
}
