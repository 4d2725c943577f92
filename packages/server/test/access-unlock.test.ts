import { isAccessActionRecord } from '@deskside/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAuditEntries, verifyAuditChain } from '../src/modules/audit/index.js';
import { findDirectoryConnection, syncDirectory } from '../src/modules/directory-sync/index.js';
import { problemOf, viewOf } from './support/access-desk.js';
import { describeEachDialect } from './support/dialects.js';
import { startLdapFaultProxy, type LdapFaultProxy } from './support/ldap-fault-proxy.js';
import { createPerson, signedIn, signIn, type SessionClient } from './support/people.js';
import { GROUPS_BASE, PEOPLE_BASE, SERVICE_DN } from './support/slapd-directory.js';
import { describeWithSlapd, useSlapd } from './support/slapd.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket } from './support/tickets.js';
import { Authenticator } from './support/totp.js';

const DAY = 24 * 60 * 60 * 1000;

describeEachDialect('access requests: unlock', (dialect) => {
  describeWithSlapd('an unlock behind the verification gate, against a real slapd', () => {
    const slapd = useSlapd();
    const desk = useTestDesk(dialect);
    let proxy: LdapFaultProxy;
    let admin: SessionClient;
    let requester: SessionClient;
    let agent: SessionClient;
    let secondAgent: SessionClient;
    let noMfaAgent: SessionClient;
    let outsider: SessionClient;
    let selfAgent: SessionClient;
    let ticketId: number;

    const call = (who: SessionClient, method: string, path: string, body?: unknown) =>
      who.raw(path, { method, csrf: method !== 'GET', body: body === undefined ? undefined : JSON.stringify(body) });
    const person = (uid: string) => slapd.fixture.people[uid]!;
    const open = (who: SessionClient, uid: string, note = 'Locked out after the holidays') =>
      call(who, 'POST', `/api/v1/tickets/${ticketId}/access-requests`, { action: { type: 'unlock_account' }, targetDirectoryId: person(uid).id, note });
    const step = (who: SessionClient, id: string, path: string, body: unknown = {}) => call(who, 'POST', `/api/v1/access-requests/${id}/${path}`, body);
    const setPhoneChanged = (uid: string, at: number) =>
      desk.db.updateTable('directory_people').set({ phone_changed_at: at }).where('immutable_id', '=', person(uid).id).execute();
    const lock = async (uid: string) => {
      for (let i = 0; i < 3; i++) expect(await slapd.tryBind(person(uid).dn, 'wrong-password')).toBe(false);
      expect((await slapd.readAsRoot(person(uid).dn, ['pwdAccountLockedTime'])).pwdAccountLockedTime).toBeTruthy();
    };
    /** A Service Desk agent who turned on two-factor sign-in, so the session has just passed it. */
    const withMfa = async (opts: { email?: string } = {}) => {
      const p = await createPerson(desk, { role: 'agent', groupNames: ['Service Desk'], ...opts });
      const api = await signIn(desk, p.email, p.password);
      const { secret } = await api.startTotpEnrolment();
      await api.confirmTotpEnrolment(await new Authenticator(secret).fresh());
      return api;
    };

    beforeAll(async () => {
      proxy = await startLdapFaultProxy(slapd.port);
      admin = (await signedIn(desk, { role: 'admin' })).api;
      requester = (await signedIn(desk, { role: 'requester' })).api;
      agent = await withMfa();
      secondAgent = await withMfa();
      selfAgent = await withMfa({ email: person('mei.wong').email });
      noMfaAgent = (await signedIn(desk, { role: 'agent', groupNames: ['Service Desk'] })).api;
      outsider = (await signedIn(desk, { role: 'agent' })).api;
      // Writes go through the proxy, which counts every modify that reaches slapd.
      const res = await call(admin, 'PUT', '/api/v1/admin/directory', {
        kind: 'ldap', enabled: true, syncIntervalMinutes: 60,
        ldap: { url: proxy.url, startTls: false, bindDn: SERVICE_DN, bindPassword: slapd.fixture.servicePassword, peopleBaseDn: PEOPLE_BASE, groupsBaseDn: GROUPS_BASE, privilegedGroupIds: [slapd.fixture.groups['Privileged']!.id] },
      });
      expect(res.status, await res.clone().text()).toBe(200);
      await lock('diego.alvarez');
      const row = await findDirectoryConnection(desk.db);
      const outcome = await syncDirectory(desk.ctx, row!.id);
      expect(outcome.ran && outcome.error).toBeNull();
      // The fixture was loaded today, so every number "changed" today; these have been stable for a month.
      for (const uid of ['diego.alvarez', 'lucas.moreau', 'erik.nilsson']) await setPhoneChanged(uid, Date.now() - 30 * DAY);
      ticketId = (await createTicket(requester, { subject: 'Cannot sign in', description: 'My account says it is locked.' })).id;
    });
    afterAll(async () => {
      await proxy?.close();
    });

    it('nobody outside the ticket sees or opens a request; no recent MFA and acting on oneself are refused', async () => {
      await problemOf(await open(requester, 'diego.alvarez'), 404);
      await problemOf(await open(outsider, 'diego.alvarez'), 404);
      expect((await problemOf(await open(noMfaAgent, 'diego.alvarez'), 403)).detail).toContain('two-factor');
      expect((await problemOf(await open(selfAgent, 'mei.wong'), 403)).detail).toContain('own account');
      // A typed name is not a target.
      await problemOf(await call(agent, 'POST', `/api/v1/tickets/${ticketId}/access-requests`, { action: { type: 'unlock_account' }, targetDirectoryId: 'Diego Alvarez' }), 422);
      await problemOf(await call(agent, 'POST', `/api/v1/tickets/${ticketId}/access-requests`, { action: { type: 'unlock_account' }, targetDirectoryId: person('diego.alvarez').id, phone: '+1 555 0100' }), 400);

      const opened = await viewOf(await open(agent, 'lucas.moreau'), 201);
      await problemOf(await call(requester, 'GET', `/api/v1/access-requests/${opened.id}`), 404);
      await problemOf(await call(outsider, 'GET', `/api/v1/access-requests/${opened.id}`), 404);
      await problemOf(await step(outsider, opened.id, 'execute'), 404);
      await problemOf(await step(noMfaAgent, opened.id, 'verifications/callback'), 403);
    });

    it('execute before verification is 409 with the allowed states; forged evidence for another target or action does not count', async () => {
      const view = await viewOf(await open(agent, 'lucas.moreau'), 201);
      expect(view).toMatchObject({ state: 'requested', target: { phoneOfRecord: person('lucas.moreau').phone, tier: 'standard' } });
      const refused = await problemOf(await step(agent, view.id, 'execute'), 409);
      expect(refused.allowed).toEqual(['verified', 'refused', 'expired']);
      // Rows written straight into the table, bound to another target and to another action.
      const base = { request_id: view.id, method: 'callback_of_record', verifier_ids: '[1]', evidence: 'forged', verified_at: Date.now(), expires_at: null, created_at: Date.now() };
      await desk.db.insertInto('access_verifications').values([
        { ...base, id: crypto.randomUUID(), target_immutable_id: person('diego.alvarez').id, action_type: 'unlock_account', facts: JSON.stringify({ phoneOwnerId: person('diego.alvarez').id, phoneOfRecordChangedAt: null }) },
        { ...base, id: crypto.randomUUID(), target_immutable_id: person('lucas.moreau').id, action_type: 'reset_password', facts: JSON.stringify({ phoneOwnerId: person('lucas.moreau').id, phoneOfRecordChangedAt: null }) },
      ]).execute();
      const after = await viewOf(await call(agent, 'GET', `/api/v1/access-requests/${view.id}`));
      expect(after.state).toBe('requested');
      expect(after.missing.join('\n')).toContain('verified another person');
      expect(after.missing.join('\n')).toContain('reset_password');
      expect(proxy.writesForwarded()).toBe(0);
    });

    it('a callback to a number changed two days ago is refused', async () => {
      await setPhoneChanged('fatima.zahra', Date.now() - 2 * DAY);
      const view = await viewOf(await open(agent, 'fatima.zahra'), 201);
      const refused = await problemOf(await step(agent, view.id, 'verifications/callback'), 409);
      expect(refused.detail).toContain('changed less than 7 days');
      expect((await viewOf(await call(agent, 'GET', `/api/v1/access-requests/${view.id}`))).state).toBe('requested');
    });

    it('happy path: callback of record, execute once; slapd unlocked, password unchanged, audit chain verifies', async () => {
      const diego = person('diego.alvarez');
      const opened = await viewOf(await open(agent, 'diego.alvarez'), 201);
      expect(opened.target.phoneOfRecord).toBe(diego.phone);
      expect(opened.missing.length).toBeGreaterThan(0);
      const verified = await viewOf(await step(agent, opened.id, 'verifications/callback'));
      expect(verified).toMatchObject({ state: 'verified', missing: [] });

      const writesBefore = proxy.writesForwarded();
      const executed = await viewOf(await step(agent, opened.id, 'execute'));
      expect(executed.state).toBe('executed');
      expect(executed.executedAt).not.toBeNull();
      expect((await slapd.readAsRoot(diego.dn, ['pwdAccountLockedTime'])).pwdAccountLockedTime ?? []).toEqual([]);
      expect(await slapd.tryBind(diego.dn, diego.password)).toBe(true);

      const replay = await problemOf(await step(agent, opened.id, 'execute'), 409);
      expect(replay.allowed).toEqual(['notified']);
      expect(proxy.writesForwarded() - writesBefore).toBe(1);

      const chain = await verifyAuditChain(desk.db);
      expect(chain.ok).toBe(true);
      const entries = (await listAuditEntries(desk.db, { limit: 200 })).items.filter(isAccessActionRecord).filter((r) => r.entry.requestId === opened.id);
      expect(entries.map((r) => r.entry.outcome).sort()).toEqual(['executed', 'requested', 'unknown_outcome', 'verified']);
      const last = entries.find((r) => r.entry.outcome === 'executed')!.entry;
      expect(last.verifications[0]).toMatchObject({ method: 'callback_of_record' });
      expect(last.target.directoryId).toBe(diego.id);
    });

    it('an in-person check needs a second, different agent; a standard unlock takes no approvals', async () => {
      const view = await viewOf(await open(agent, 'lucas.moreau'), 201);
      const first = await viewOf(await step(agent, view.id, 'verifications/in-person', { document: 'staff badge and passport' }));
      expect(first.state).toBe('requested');
      expect(first.missing.join('\n')).toContain('second agent');
      await problemOf(await step(agent, view.id, 'verifications/in-person', { document: 'staff badge' }), 409);
      const confirmed = await viewOf(await step(secondAgent, view.id, 'verifications/in-person', { document: 'staff badge' }));
      expect(confirmed).toMatchObject({ state: 'verified', missing: [] });
      expect((await problemOf(await step(secondAgent, view.id, 'approvals'), 409)).detail).toContain('needs no approval');
      const refused = await viewOf(await step(agent, view.id, 'refuse', { reason: 'Caller hung up before we finished' }));
      expect(refused.state).toBe('refused');
      await problemOf(await step(agent, view.id, 'execute'), 409);
    });

    it('two concurrent executes: one wins, the directory is written once', async () => {
      const erik = person('erik.nilsson');
      await lock('erik.nilsson');
      const opened = await viewOf(await open(agent, 'erik.nilsson'), 201);
      await viewOf(await step(agent, opened.id, 'verifications/callback'));
      const writesBefore = proxy.writesForwarded();
      const results = await Promise.all([step(agent, opened.id, 'execute'), step(secondAgent, opened.id, 'execute')]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(proxy.writesForwarded() - writesBefore).toBe(1);
      expect(await slapd.tryBind(erik.dn, erik.password)).toBe(true);
    });
  });
});
