import { escapeFilter } from 'ldapts';
import type { DirectoryGroupRef } from './directory-connector.js';
import { normalizeDn, stringOf } from './ldap-entry-values.js';
import type { LdapContext, LdapSession } from './ldap-session.js';

/** Deeper than any sane directory; the visited set already stops cycles, this stops a runaway. */
const MAX_DEPTH = 64;
/** AD's LDAP_MATCHING_RULE_IN_CHAIN: the server walks nested membership itself. */
const IN_CHAIN = '1.2.840.113556.1.4.1941';

interface GroupNode {
  dn: string;
  id: string;
  name: string;
}

/**
 * Resolves a member's groups, nested ones included. OpenLDAP's groupOfNames has no transitive
 * query, so the connector walks up "which groups list this DN as a member" breadth first, with
 * a visited set so a cycle (A in B, B in A) ends. Active Directory answers the whole chain in
 * one search. Parent lookups are memoised for the resolver's life (one sync walk).
 */
export function createGroupResolver(ctx: LdapContext, session: LdapSession) {
  const { dialect, settings } = ctx;
  const { groupFilter, member, groupName, immutableId } = dialect.attributes;
  const parents = new Map<string, Promise<GroupNode[]>>();

  async function groupsListing(filter: string): Promise<GroupNode[]> {
    const entries = await session.search(settings.groupsBaseDn, {
      scope: 'sub',
      filter: `(&${groupFilter}${filter})`,
      attributes: [immutableId, groupName],
    });
    const nodes: GroupNode[] = [];
    for (const entry of entries) {
      const id = dialect.readId(entry);
      if (id) nodes.push({ dn: entry.dn, id, name: stringOf(entry, groupName) ?? entry.dn });
    }
    return nodes;
  }

  function parentsOf(dn: string): Promise<GroupNode[]> {
    const key = normalizeDn(dn);
    let found = parents.get(key);
    if (!found) {
      found = groupsListing(`(${member}=${escapeFilter`${dn}`})`);
      parents.set(key, found);
    }
    return found;
  }

  async function walk(memberDn: string): Promise<DirectoryGroupRef[]> {
    const direct = await parentsOf(memberDn);
    const result = new Map<string, DirectoryGroupRef>();
    const seen = new Set<string>([normalizeDn(memberDn)]);
    let frontier = direct;
    for (const group of direct) result.set(group.id, { immutableId: group.id, name: group.name, direct: true });
    for (let depth = 0; frontier.length > 0 && depth < MAX_DEPTH; depth += 1) {
      const next: GroupNode[] = [];
      for (const group of frontier) {
        const key = normalizeDn(group.dn);
        if (seen.has(key)) continue;
        seen.add(key);
        for (const parent of await parentsOf(group.dn)) {
          if (!result.has(parent.id)) result.set(parent.id, { immutableId: parent.id, name: parent.name, direct: false });
          next.push(parent);
        }
      }
      frontier = next;
    }
    return [...result.values()];
  }

  async function inChain(memberDn: string): Promise<DirectoryGroupRef[]> {
    const direct = new Set((await parentsOf(memberDn)).map((g) => g.id));
    const all = await groupsListing(`(${member}:${IN_CHAIN}:=${escapeFilter`${memberDn}`})`);
    return all.map((g) => ({ immutableId: g.id, name: g.name, direct: direct.has(g.id) }));
  }

  return {
    /** Every group the entry at `memberDn` is in, each once, direct ones marked. */
    groupsOf(memberDn: string): Promise<DirectoryGroupRef[]> {
      return dialect.nestedGroups === 'in_chain' ? inChain(memberDn) : walk(memberDn);
    },
  };
}

export type GroupResolver = ReturnType<typeof createGroupResolver>;
