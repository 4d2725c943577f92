import type { Entry } from 'ldapts';
import { DirectoryAmbiguousError, DirectoryNotFoundError } from './directory-errors.js';
import type { LdapContext, LdapSession } from './ldap-session.js';

export type LdapEntryKind = 'person' | 'group';

/**
 * Finds the one person or group with this immutable id, on the session about to use it: a
 * write's DN is always resolved fresh, so a rename or a move since the last sync cannot
 * redirect it, and a name is never an address.
 */
export async function findLdapEntry(
  ctx: LdapContext,
  session: LdapSession,
  kind: LdapEntryKind,
  id: string,
  attributes: readonly string[],
): Promise<Entry> {
  const { dialect, settings } = ctx;
  const idFilter = dialect.idFilter(id);
  if (idFilter === null) throw new DirectoryNotFoundError(`no ${kind} has the id ${JSON.stringify(id)}`);
  const base = kind === 'person' ? settings.peopleBaseDn : settings.groupsBaseDn;
  const kindFilter = kind === 'person' ? dialect.attributes.personFilter : dialect.attributes.groupFilter;
  const entries = await session.search(base, {
    scope: 'sub',
    filter: `(&${kindFilter}${idFilter})`,
    attributes: [dialect.attributes.immutableId, ...attributes],
  });
  if (entries.length === 0) throw new DirectoryNotFoundError(`no ${kind} with id ${id} under ${base}`);
  if (entries.length > 1) {
    // Only a configured, non-unique id attribute can do this; writing to either would be a guess.
    throw new DirectoryAmbiguousError(`${entries.length} entries under ${base} carry the ${kind} id ${id}`);
  }
  return entries[0]!;
}
