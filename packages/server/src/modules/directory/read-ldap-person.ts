import type { Entry } from 'ldapts';
import type { DirectoryPerson } from './directory-connector.js';
import { DirectoryNotFoundError } from './directory-errors.js';
import { findLdapEntry } from './find-ldap-entry.js';
import { normalizeDn, parseGeneralizedTime, stringOf } from './ldap-entry-values.js';
import type { LdapContext, LdapSession } from './ldap-session.js';
import { createGroupResolver, type GroupResolver } from './resolve-nested-groups.js';

/** The attributes a person is read with: contact, manager, state, the change-time hints. */
export function personAttributes(ctx: LdapContext): string[] {
  const a = ctx.dialect.attributes;
  const extra = [a.emailChangedAt, a.phoneChangedAt].filter((x): x is string => x !== null);
  return [a.immutableId, a.name, a.email, a.phone, a.manager, a.modifiedAt, ...ctx.dialect.stateAttributes, ...extra];
}

/** Resolves manager DNs to immutable ids, remembering each answer for the session. */
export function createManagerResolver(ctx: LdapContext, session: LdapSession) {
  const known = new Map<string, Promise<string | null>>();
  return {
    /** Records an id already read, so a sync does not look its own people up again. */
    remember(dn: string, id: string): void {
      known.set(normalizeDn(dn), Promise.resolve(id));
    },
    idOf(dn: string): Promise<string | null> {
      const key = normalizeDn(dn);
      let found = known.get(key);
      if (!found) {
        found = session
          .search(dn, { scope: 'base', attributes: [ctx.dialect.attributes.immutableId] })
          .then((entries) => (entries[0] ? ctx.dialect.readId(entries[0]) : null))
          // A manager who left keeps a dangling DN in the entry: no manager rather than a failed sync.
          .catch((error: unknown) => {
            if (error instanceof DirectoryNotFoundError) return null;
            throw error;
          });
        known.set(key, found);
      }
      return found;
    },
  };
}

export type ManagerResolver = ReturnType<typeof createManagerResolver>;

/** Builds the desk's view of one person entry. */
export async function personFromEntry(
  ctx: LdapContext,
  entry: Entry,
  groups: GroupResolver,
  managers: ManagerResolver,
): Promise<DirectoryPerson | null> {
  const a = ctx.dialect.attributes;
  const id = ctx.dialect.readId(entry);
  if (id === null) return null;
  const managerDn = stringOf(entry, a.manager);
  const memberships = await groups.groupsOf(entry.dn);
  const privilegedIds = new Set(ctx.settings.privilegedGroupIds);
  const state = ctx.dialect.readAccountState(entry, ctx.now());
  const changedAt = (attribute: string | null) => (attribute ? parseGeneralizedTime(stringOf(entry, attribute)) : null);
  return {
    immutableId: id,
    dn: entry.dn,
    name: stringOf(entry, a.name) ?? stringOf(entry, 'cn') ?? entry.dn,
    email: stringOf(entry, a.email),
    phoneOfRecord: stringOf(entry, a.phone),
    managerId: managerDn ? await managers.idOf(managerDn) : null,
    groups: memberships,
    disabled: state.disabled,
    locked: state.locked,
    privileged: memberships.some((g) => privilegedIds.has(g.immutableId)),
    entryModifiedAt: parseGeneralizedTime(stringOf(entry, a.modifiedAt)),
    contactChangedAt: { email: changedAt(a.emailChangedAt), phoneOfRecord: changedAt(a.phoneChangedAt) },
  };
}

/** Reads one person by immutable id, groups and manager resolved. */
export async function readLdapPerson(ctx: LdapContext, session: LdapSession, id: string): Promise<DirectoryPerson> {
  const entry = await findLdapEntry(ctx, session, 'person', id, personAttributes(ctx));
  const person = await personFromEntry(ctx, entry, createGroupResolver(ctx, session), createManagerResolver(ctx, session));
  if (!person) throw new DirectoryNotFoundError(`no person with id ${id}`);
  return person;
}

/** Every person under the people base, page by page, on one session. */
export async function* listLdapPeople(ctx: LdapContext, session: LdapSession, pageSize: number): AsyncGenerator<DirectoryPerson[]> {
  const groups = createGroupResolver(ctx, session);
  const managers = createManagerResolver(ctx, session);
  const pages = session.searchPages(
    ctx.settings.peopleBaseDn,
    { scope: 'sub', filter: ctx.dialect.attributes.personFilter, attributes: personAttributes(ctx) },
    pageSize,
  );
  for await (const entries of pages) {
    for (const entry of entries) {
      const id = ctx.dialect.readId(entry);
      if (id) managers.remember(entry.dn, id);
    }
    const people: DirectoryPerson[] = [];
    for (const entry of entries) {
      const person = await personFromEntry(ctx, entry, groups, managers);
      if (person) people.push(person);
      else ctx.log?.warn({ dn: entry.dn }, 'directory entry without an immutable id skipped');
    }
    yield people;
  }
}
