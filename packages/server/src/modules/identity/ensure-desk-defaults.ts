import type { Db } from '../../db/connect.js';
import { listGroups } from './groups-repo.js';

/** The groups a desk starts with; admins rename and extend them. Tier 1 first: it is the intake. */
export const DEFAULT_GROUPS = [
  { name: 'Service Desk', tier: 1, description: 'First contact: triage, restore, and own the ticket until it is handed over.' },
  { name: 'Desktop Support', tier: 2, description: 'Endpoints, peripherals, printing and local software.' },
  { name: 'Network', tier: 2, description: 'Connectivity, VPN, Wi-Fi, DNS and proxies.' },
  { name: 'Identity', tier: 2, description: 'Accounts, access, MFA and licenses.' },
  { name: 'Security', tier: 3, description: 'Suspicious requests, compromise and verification escalations.' },
] as const;

/** Gives an empty desk its default groups, so the first ticket has an owner. Safe to run on every start. */
export async function ensureDeskDefaults(db: Db, now: number): Promise<void> {
  if ((await listGroups(db)).length > 0) return;
  // Several nodes may start at once on one database: the loser's inserts do nothing.
  await db
    .insertInto('groups')
    .values(DEFAULT_GROUPS.map((g) => ({ name: g.name, tier: g.tier, description: g.description, created_at: now })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}
