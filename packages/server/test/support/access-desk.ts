import type { AccessRequestView, Problem } from '@deskside/shared';
import { beforeAll, expect } from 'vitest';
import { findDirectoryConnection, syncDirectory } from '../../src/modules/directory-sync/index.js';
import type { TestDialect } from './dialects.js';
import { createPerson, signedIn, signIn, type SessionClient } from './people.js';
import { GROUPS_BASE, PEOPLE_BASE, SERVICE_DN } from './slapd-directory.js';
import { useSlapd } from './slapd.js';
import { type TestDesk, useTestDesk } from './test-desk.js';
import { createTicket } from './tickets.js';
import { Authenticator } from './totp.js';

const DAY = 24 * 60 * 60 * 1000;

/** A JSON call in the person's session (with the CSRF header on writes), answering the raw response. */
export const callAs = (who: SessionClient, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  who.raw(path, { method, csrf: method !== 'GET', headers, body: body === undefined ? undefined : JSON.stringify(body) });

/** The problem of an error answer, after checking its status (the body is in the failure message). */
export async function problemOf(res: Response, status: number): Promise<Problem & { allowed?: string[] }> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as Problem & { allowed?: string[] };
}

/** The access request an answer carries, after checking its status. */
export async function viewOf(res: Response, status = 200): Promise<AccessRequestView> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as AccessRequestView;
}

export interface AccessDeskOptions {
  /** Directory people who get a Deskside requester account (linked by e-mail at the first sync), e.g. managers. */
  deskAccountsFor?: string[];
  /** People whose phone and e-mail of record are dated a month back (the fixture is loaded today). */
  settled?: string[];
}

/**
 * A desk connected to a private slapd, synced, with an admin, a requester's ticket and helpers to
 * drive identity actions over HTTP. Declare inside describeWithSlapd; everything is ready in beforeAll.
 */
export function useAccessDesk(dialect: TestDialect, options: AccessDeskOptions = {}) {
  const slapd = useSlapd();
  const desk: TestDesk = useTestDesk(dialect);
  const state = { admin: undefined as unknown as SessionClient, requester: undefined as unknown as SessionClient, ticketId: 0, accounts: new Map<string, SessionClient>() };

  const person = (uid: string) => slapd.fixture.people[uid]!;
  const call = callAs;
  const open = (who: SessionClient, uid: string, action: object = { type: 'unlock_account' }, note = 'Locked out after the holidays') =>
    call(who, 'POST', `/api/v1/tickets/${state.ticketId}/access-requests`, { action, targetDirectoryId: person(uid).id, note });
  const step = (who: SessionClient, id: string, path: string, body: unknown = {}) => call(who, 'POST', `/api/v1/access-requests/${id}/${path}`, body);
  const current = (who: SessionClient, id: string) => call(who, 'GET', `/api/v1/access-requests/${id}`).then((r) => viewOf(r));
  /** A Service Desk agent who turned on two-factor sign-in, so the session has just passed it. */
  const agentWithMfa = async (opts: { email?: string; groupNames?: string[] } = {}) => {
    const p = await createPerson(desk, { role: 'agent', groupNames: ['Service Desk'], ...opts });
    const api = await signIn(desk, p.email, p.password);
    const { secret } = await api.startTotpEnrolment();
    await api.confirmTotpEnrolment(await new Authenticator(secret).fresh());
    return api;
  };
  const lock = async (uid: string) => {
    for (let i = 0; i < 3; i++) expect(await slapd.tryBind(person(uid).dn, 'wrong-password')).toBe(false);
  };

  beforeAll(async () => {
    state.admin = (await signedIn(desk, { role: 'admin' })).api;
    state.requester = (await signedIn(desk, { role: 'requester' })).api;
    for (const uid of options.deskAccountsFor ?? []) {
      const p = await createPerson(desk, { role: 'requester', email: person(uid).email, name: person(uid).name });
      state.accounts.set(uid, await signIn(desk, p.email, p.password));
    }
    const res = await call(state.admin, 'PUT', '/api/v1/admin/directory', {
      kind: 'ldap', enabled: true, syncIntervalMinutes: 60,
      ldap: { url: slapd.url, startTls: false, bindDn: SERVICE_DN, bindPassword: slapd.fixture.servicePassword, peopleBaseDn: PEOPLE_BASE, groupsBaseDn: GROUPS_BASE, privilegedGroupIds: [slapd.fixture.groups['Privileged']!.id] },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const outcome = await syncDirectory(desk.ctx, (await findDirectoryConnection(desk.db))!.id);
    expect(outcome.ran && outcome.error).toBeNull();
    for (const uid of options.settled ?? []) {
      await desk.db.updateTable('directory_people').set({ phone_changed_at: Date.now() - 30 * DAY, email_changed_at: Date.now() - 30 * DAY })
        .where('immutable_id', '=', person(uid).id).execute();
    }
    state.ticketId = (await createTicket(state.requester, { subject: 'Cannot sign in', description: 'My account says it is locked.' })).id;
  });

  return {
    slapd, desk, state, person, call, problemOf, viewOf, open, step, current, agentWithMfa, lock,
    /** The Deskside session of a directory person given an account through `deskAccountsFor`. */
    accountOf: (uid: string) => state.accounts.get(uid)!,
  };
}
