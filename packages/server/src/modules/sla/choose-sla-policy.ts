import type { SlaConditions, TicketType } from '@deskside/shared';
import type { Db, Tx } from '../../db/connect.js';
import type { SlaRules } from './compute-ticket-sla.js';
import { requesterTraits } from './sla-events-repo.js';
import type { PolicyWithCalendar } from './sla-policies-repo.js';

type Q = Db | Tx;

export interface PolicyCandidate {
  type: TicketType;
  category: string | null;
  requesterId: number;
}

interface Traits {
  vip: boolean;
  groupIds: number[];
  site: string | null;
}

export function conditionsOf(policy: PolicyWithCalendar): SlaConditions {
  return JSON.parse(policy.conditions) as SlaConditions;
}

/** Every condition given must hold; a policy without conditions matches every ticket. */
export function policyMatches(conditions: SlaConditions, t: PolicyCandidate, traits: Traits): boolean {
  if (conditions.types && !conditions.types.includes(t.type)) return false;
  if (conditions.categories && (t.category === null || !conditions.categories.includes(t.category))) return false;
  if (conditions.requesterGroupIds && !conditions.requesterGroupIds.some((g) => traits.groupIds.includes(g))) return false;
  if (conditions.requesterSites) {
    const site = traits.site?.toLowerCase();
    if (site === undefined || !conditions.requesterSites.some((s) => s.toLowerCase() === site)) return false;
  }
  if (conditions.vipOnly === true && !traits.vip) return false;
  return true;
}

/**
 * The policy a new ticket runs on: the first by position whose conditions match, else the
 * default. The default is only ever the fallback, wherever it stands in the order: the
 * seeded default matches every ticket, and would otherwise shadow any policy an admin
 * adds after it. The requester is looked up only when some policy asks about them, so a
 * desk with plain policies pays nothing extra per ticket.
 */
export async function chooseSlaPolicy(q: Q, rules: SlaRules, t: PolicyCandidate): Promise<PolicyWithCalendar | undefined> {
  const candidates = rules.ordered.filter((p) => p.is_default !== 1).map((p) => ({ policy: p, conditions: conditionsOf(p) }));
  const askAboutRequester = candidates.some(
    ({ conditions: c }) => c.vipOnly === true || c.requesterGroupIds !== undefined || c.requesterSites !== undefined,
  );
  const traits: Traits = askAboutRequester ? await requesterTraits(q, t.requesterId, true) : { vip: false, groupIds: [], site: null };
  return candidates.find(({ conditions }) => policyMatches(conditions, t, traits))?.policy ?? rules.fallback;
}
