import type { AuditEntry, DirectoryPersonView, LicensePoolView, LicenseSeatList, ManualPersonInput } from '@deskside/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, verifyAuditChain } from '../src/modules/audit/index.js';
import { callAs, problemOf, useAccessDesk, viewOf } from './support/access-desk.js';
import { describeEachDialect } from './support/dialects.js';
import { createPerson, signedIn, signIn, type SessionClient } from './support/people.js';
import { MFA_FACTOR_ATTRIBUTE } from './support/slapd-mfa-schema.js';
import { describeWithSlapd } from './support/slapd.js';
import { type TestDesk, useTestDesk } from './support/test-desk.js';
import { createTicket } from './support/tickets.js';
import { Authenticator } from './support/totp.js';

const DAY = 24 * 60 * 60 * 1000;
const DOMAIN = 'desk.example.test';

/** A Service Desk agent whose session has just passed two-factor sign-in. */
async function agentWithMfa(desk: TestDesk): Promise<SessionClient> {
  const p = await createPerson(desk, { role: 'agent', groupNames: ['Service Desk'] });
  const api = await signIn(desk, p.email, p.password);
  const { secret } = await api.startTotpEnrolment();
  await api.confirmTotpEnrolment(await new Authenticator(secret).fresh());
  return api;
}

/** The identity-action entries of the audit chain for one request, oldest first. */
async function auditOf(desk: TestDesk, requestId: string): Promise<AuditEntry[]> {
  const items = (await listAuditEntries(desk.db, { limit: 500 })).items.map((r) => r.entry);
  return items.filter((e): e is AuditEntry => 'requestId' in e && e.requestId === requestId).reverse();
}

async function noticesOf(desk: TestDesk, requestId: string) {
  return desk.db.selectFrom('mail_messages').select(['to_address', 'body_text', 'status']).where('kind', '=', 'access_notice').where('source_key', 'like', `access:${requestId}:%`).execute();
}

describeEachDialect('access requests: the manual path', (dialect) => {
  describe('a manual directory whose people of record the desk keeps', () => {
    const desk = useTestDesk(dialect);
    let admin: SessionClient;
    let requester: SessionClient;
    let agent: SessionClient;
    let approver: SessionClient;
    let ticketId: number;
    let waitingId = '';

    const open = (who: SessionClient, id: string, action: object = { type: 'unlock_account' }) =>
      callAs(who, 'POST', `/api/v1/tickets/${ticketId}/access-requests`, { action, targetDirectoryId: id, note: 'Locked out after a long weekend' });
    const step = (who: SessionClient, id: string, path: string, body: unknown = {}) => callAs(who, 'POST', `/api/v1/access-requests/${id}/${path}`, body);
    const putPerson = (id: string, body: ManualPersonInput, who = admin) => callAs(who, 'PUT', `/api/v1/admin/directory/people/${encodeURIComponent(id)}`, body);
    /** Contact details entered today are not eligible for a callback; these have been on record for a month. */
    const settle = (id: string) =>
      desk.db.updateTable('directory_people').set({ phone_changed_at: Date.now() - 30 * DAY, email_changed_at: Date.now() - 30 * DAY }).where('immutable_id', '=', id).execute();
    const verified = async (id: string, action?: object) => {
      const opened = await viewOf(await open(agent, id, action), 201);
      const v = await viewOf(await step(agent, opened.id, 'verifications/callback'));
      expect(v.state, JSON.stringify([v.missing, v.target, v.requirements])).toBe('verified');
      return opened;
    };

    beforeAll(async () => {
      desk.ctx.config.mail = { smtpUrl: 'smtp://127.0.0.1:9', from: `IT Support <support@${DOMAIN}>`, domain: DOMAIN };
      admin = (await signedIn(desk, { role: 'admin' })).api;
      requester = (await signedIn(desk, { role: 'requester' })).api;
      agent = await agentWithMfa(desk);
      approver = await agentWithMfa(desk);
      ticketId = (await createTicket(requester, { subject: 'Cannot sign in', description: 'My account says it is locked.' })).id;
    });

    it('an admin enters people of record once the directory is manual; contact details are dated as a sync dates them', async () => {
      expect((await problemOf(await putPerson('u-100', { name: 'Too Early' }), 409)).detail).toContain('manual directory');
      const saved = await callAs(admin, 'PUT', '/api/v1/admin/directory', { kind: 'manual', enabled: false, syncIntervalMinutes: 60 });
      expect(saved.status, await saved.clone().text()).toBe(200);

      const manager = (await (await putPerson('u-200', { name: 'Grace Hopper', email: `grace@${DOMAIN}`, phoneOfRecord: '+44 20 7946 0200' })).json()) as DirectoryPersonView;
      expect(manager).toMatchObject({ immutableId: 'u-200', name: 'Grace Hopper', privileged: false, gone: false });
      const before = Date.now();
      const res = await putPerson('u-201', {
        name: 'Ada Lovelace', email: `ada@${DOMAIN}`, phoneOfRecord: '+44 20 7946 0201', managerId: 'u-200', groups: [{ id: 'g-finance', name: 'Finance' }],
      });
      const ada = (await res.json()) as DirectoryPersonView;
      expect(res.status).toBe(200);
      expect(ada).toMatchObject({ managerId: 'u-200', managerName: 'Grace Hopper', groups: [{ id: 'g-finance', name: 'Finance', nested: false }] });
      // Entered just now: the number is dated now, so a callback to it waits for the quiet days.
      expect(Date.parse(ada.phoneChangedAt)).toBeGreaterThanOrEqual(before - 1000);

      expect((await problemOf(await putPerson('u-202', { name: 'No Boss', managerId: 'u-999' }), 422)).errors?.[0]?.field).toBe('managerId');
      expect((await problemOf(await putPerson('u-203', { name: 'Self Managed', managerId: 'u-203' }), 422)).errors?.[0]?.field).toBe('managerId');
      expect((await problemOf(await putPerson('u-204', { name: 'Agent Typed' }, agent), 403)).status).toBe(403);
      await putPerson('u-202', { name: 'Linus Admin', email: `linus@${DOMAIN}`, phoneOfRecord: '+44 20 7946 0202', managerId: 'u-200', privileged: true });

      // A changed phone is dated again; an unchanged one keeps its date.
      await settle('u-201');
      const same = (await (await putPerson('u-201', { name: 'Ada Lovelace', email: `ada@${DOMAIN}`, phoneOfRecord: '+44 20 7946 0201', managerId: 'u-200', groups: [{ id: 'g-finance', name: 'Finance' }] })).json()) as DirectoryPersonView;
      expect(Date.parse(same.phoneChangedAt)).toBeLessThan(before - 20 * DAY);
      const changed = (await (await putPerson('u-201', { name: 'Ada Lovelace', email: `ada@${DOMAIN}`, phoneOfRecord: '+44 20 7946 9999', managerId: 'u-200', groups: [{ id: 'g-finance', name: 'Finance' }] })).json()) as DirectoryPersonView;
      expect(Date.parse(changed.phoneChangedAt)).toBeGreaterThanOrEqual(before - 1000);
      // Every entry and change is in the audit chain with the admin who made it; a save that changes nothing adds nothing.
      const recordsOf = async (id: string) => (await listAuditEntries(desk.db, { limit: 500 })).items.sort((x, y) => x.seq - y.seq).map((r) => r.entry)
        .filter((e) => 'kind' in e && e.subject === 'person_of_record' && e.person?.directoryId === id);
      const adaRecords = await recordsOf('u-201');
      expect(adaRecords.map((e) => ('changes' in e ? e.changes.map((c) => c.field) : []))).toEqual([
        ['name', 'email', 'phoneOfRecord', 'managerId', 'privileged', 'disabled', 'groups'],
        ['phoneOfRecord'],
      ]);
      expect(adaRecords[1]).toMatchObject({ changes: [{ field: 'phoneOfRecord', before: '+44 20 7946 0201', after: '+44 20 7946 9999' }] });
      expect(adaRecords.every((e) => e.actor.userId !== null)).toBe(true);
      expect((await verifyAuditChain(desk.db)).ok).toBe(true);
      await settle('u-201');
      await settle('u-200');
      await settle('u-202');

      // Agents pick targets from them like from a synced directory.
      const found = (await (await callAs(agent, 'GET', '/api/v1/directory/people?q=lovelace')).json()) as { items: DirectoryPersonView[] };
      expect(found.items.map((p) => p.immutableId)).toEqual(['u-201']);
    });

    it('an unlock executes into unknown_outcome with the console steps: nothing read back, nobody told, a second execute refused', async () => {
      const opened = await verified('u-201');
      waitingId = opened.id;
      const waiting = await viewOf(await step(agent, opened.id, 'execute'));
      expect(waiting).toMatchObject({ state: 'unknown_outcome', executedAt: null, allowedNext: ['executed', 'verified'] });
      expect(waiting.manualSteps).toEqual([
        expect.stringContaining('Ada Lovelace (id u-201, ada@desk.example.test) by that id'),
        expect.stringContaining('Do not change or reset the password'),
        expect.stringContaining('record that it is done'),
      ]);
      expect((await problemOf(await step(agent, opened.id, 'execute'), 409)).detail).toContain('waits for the agent');
      expect(await noticesOf(desk, opened.id)).toEqual([]);
      const entries = await auditOf(desk, opened.id);
      const shown = entries.at(-1)!;
      expect(shown).toMatchObject({ outcome: 'unknown_outcome', before: { state: 'unknown_outcome' }, after: { write: 'by hand in the native console', manualSteps: waiting.manualSteps } });
      expect(String(shown.after?.instructionsShownTo)).toMatch(/desk:\d+/);
      // Requesters never see the request, so they cannot record it either.
      await problemOf(await step(requester, opened.id, 'manual-completion', { done: true }), 404);
    });

    it('"done" executes it, notifies the person and their manager, and the audit chain verifies; a second record is 409', async () => {
      const id = waitingId;
      const done = await viewOf(await step(agent, id, 'manual-completion', { done: true, note: 'Cleared the lockout in the console' }));
      expect(done).toMatchObject({ state: 'notified', manualSteps: null });
      expect(done.executedAt).not.toBeNull();
      const notices = await noticesOf(desk, id);
      expect(notices.map((n) => n.to_address).join('\n')).toContain(`ada@${DOMAIN}`);
      expect(notices.map((n) => n.to_address).join('\n')).toContain(`grace@${DOMAIN}`);
      expect(notices.every((n) => n.status === 'queued')).toBe(true);
      expect(notices[0]!.body_text).toContain('The account of Ada Lovelace was unlocked');
      const executed = (await auditOf(desk, id)).find((e) => e.outcome === 'executed')!;
      expect(executed.after).toMatchObject({ outcome: 'confirm_applied', source: 'agent_recorded', note: 'Cleared the lockout in the console', lockedAfter: false });
      expect((await verifyAuditChain(desk.db)).ok).toBe(true);
      expect((await problemOf(await step(agent, id, 'manual-completion', { done: true }), 409)).allowed).toEqual([]);
    });

    it('"could not be done" needs a reason and returns the request to its ready state; a new execute shows the steps again', async () => {
      const opened = await verified('u-201');
      expect((await problemOf(await step(agent, opened.id, 'manual-completion', { done: true }), 409)).allowed).toEqual(['unknown_outcome', 'refused', 'expired']);
      await viewOf(await step(agent, opened.id, 'execute'));
      expect((await problemOf(await step(agent, opened.id, 'manual-completion', { done: false }), 400)).errors?.[0]?.field).toBe('body.note');
      const back = await viewOf(await step(agent, opened.id, 'manual-completion', { done: false, note: 'The console is down for maintenance' }));
      expect(back).toMatchObject({ state: 'verified', manualSteps: null, executedAt: null });
      expect(back.outcome).toContain('The console is down for maintenance');
      expect(await noticesOf(desk, opened.id)).toEqual([]);
      const again = await viewOf(await step(agent, opened.id, 'execute'));
      expect(again.state).toBe('unknown_outcome');
      expect(again.manualSteps?.length).toBeGreaterThan(1);
      const notDone = (await auditOf(desk, opened.id)).find((e) => e.after?.outcome === 'confirm_not_applied')!;
      expect(notDone).toMatchObject({ outcome: 'verified', after: { source: 'agent_recorded', note: 'The console is down for maintenance' } });
    });

    it('a password reset is started in the console by its own reset-and-notify flow: no desk link, no password anywhere', async () => {
      const opened = await verified('u-201', { type: 'reset_password' });
      const waiting = await viewOf(await step(agent, opened.id, 'execute'));
      expect(waiting.state).toBe('unknown_outcome');
      expect(waiting.manualSteps?.join('\n')).toContain(`e-mail address of record, ada@${DOMAIN}`);
      expect(waiting.manualSteps?.join('\n')).toContain('Do not choose, type, read or pass on a password');
      expect(await desk.db.selectFrom('password_reset_tokens').select('id').where('request_id', '=', opened.id).execute()).toEqual([]);
      const done = await viewOf(await step(agent, opened.id, 'manual-completion', { done: true }));
      expect(done.state).toBe('notified');
      const notice = (await noticesOf(desk, opened.id)).find((n) => (n.to_address ?? '').includes('ada@'))!;
      expect(notice.body_text).toContain("started a password reset for Ada Lovelace in the directory's console");
      expect((await verifyAuditChain(desk.db)).ok).toBe(true);
    });

    it('a group add names the group from the people of record; a time-bound one is refused before anything is shown', async () => {
      await putPerson('u-203', { name: 'Alan Turing', email: `alan@${DOMAIN}`, phoneOfRecord: '+44 20 7946 0203', managerId: 'u-200' });
      await settle('u-203');
      const lasting = await verified('u-203', { type: 'add_group_member', groupId: 'g-finance', expiresAt: null });
      expect((await viewOf(await step(approver, lasting.id, 'approvals'))).state).toBe('approved');
      const waiting = await viewOf(await step(agent, lasting.id, 'execute'));
      expect(waiting.manualSteps?.[0]).toContain('add Alan Turing (id u-203, alan@desk.example.test) to "Finance" (id g-finance)');
      const timed = await verified('u-203', { type: 'add_group_member', groupId: 'g-finance', expiresAt: Date.now() + 7 * DAY });
      await viewOf(await step(approver, timed.id, 'approvals'));
      expect((await problemOf(await step(agent, timed.id, 'execute'), 409)).detail).toContain('cannot end a membership on its own');
      expect((await viewOf(await callAs(agent, 'GET', `/api/v1/access-requests/${timed.id}`))).state).toBe('approved');
    });
  });

  describeWithSlapd('an LDAP directory: what it cannot write is done by hand, and what it wrote is never settled by hand', () => {
    const a = useAccessDesk(dialect, { settled: ['amara.okafor', 'lucas.moreau', 'fatima.zahra', 'marcus.reed'] });
    let agent: SessionClient;
    let secondAgent: SessionClient;
    const seatsOf = async (poolId: number) => ((await (await a.call(a.state.admin, 'GET', `/api/v1/admin/license-pools/${poolId}/seats`)).json()) as LicenseSeatList).items;

    beforeAll(async () => {
      a.desk.ctx.config.mail = { smtpUrl: 'smtp://127.0.0.1:9', from: `IT Support <support@${DOMAIN}>`, domain: DOMAIN };
      agent = await a.agentWithMfa();
      secondAgent = await a.agentWithMfa();
    });

    it('attacker: a request whose write went to the directory cannot be completed by the agent', async () => {
      await a.lock('lucas.moreau');
      const opened = await viewOf(await a.open(agent, 'lucas.moreau'), 201);
      await viewOf(await a.step(agent, opened.id, 'verifications/callback'));
      // The directory becomes unreachable: the write fails and the read-back too, so the outcome stays unknown.
      const row = await a.desk.db.selectFrom('directory_connections').select(['id', 'config']).executeTakeFirstOrThrow();
      await a.desk.db.updateTable('directory_connections').set({ config: JSON.stringify({ ...JSON.parse(row.config), url: 'ldap://127.0.0.1:9' }) }).where('id', '=', row.id).execute();
      try {
        const lost = await viewOf(await a.step(agent, opened.id, 'execute'));
        expect(lost).toMatchObject({ state: 'unknown_outcome', manualSteps: null });
        const refused = await problemOf(await a.step(agent, opened.id, 'manual-completion', { done: true, note: 'I am sure it worked' }), 409);
        expect(refused.detail).toContain('only its reply or a read-back settles it');
        await problemOf(await a.step(secondAgent, opened.id, 'manual-completion', { done: false, note: 'it did not work' }), 409);
        expect((await a.current(agent, opened.id)).state).toBe('unknown_outcome');
      } finally {
        await a.desk.db.updateTable('directory_connections').set({ config: row.config }).where('id', '=', row.id).execute();
      }
    });

    it('an MFA reset without an MFA attribute shows the MFA console steps and writes nothing; "done" executes it', async () => {
      const fatima = a.person('fatima.zahra');
      const factors = (await a.slapd.readAsRoot(fatima.dn, [MFA_FACTOR_ATTRIBUTE]))[MFA_FACTOR_ATTRIBUTE];
      expect(factors).toBeTruthy();
      const opened = await viewOf(await a.open(agent, 'fatima.zahra', { type: 'reset_mfa' }, 'New phone, authenticator did not move'), 201);
      await viewOf(await a.step(agent, opened.id, 'verifications/callback'));
      await viewOf(await a.step(agent, opened.id, 'verifications/in-person', { document: 'staff badge and passport' }));
      expect((await viewOf(await a.step(secondAgent, opened.id, 'verifications/in-person', { document: 'staff badge' }))).state).toBe('verified');
      const waiting = await viewOf(await a.step(agent, opened.id, 'execute'));
      expect(waiting.state).toBe('unknown_outcome');
      expect(waiting.manualSteps?.[0]).toContain(`your MFA provider's admin console and find Fatima Zahra (id ${fatima.id}`);
      expect(waiting.manualSteps?.join('\n')).toContain('Never register a factor');
      expect((await a.slapd.readAsRoot(fatima.dn, [MFA_FACTOR_ATTRIBUTE]))[MFA_FACTOR_ATTRIBUTE]).toEqual(factors);
      const done = await viewOf(await a.step(secondAgent, opened.id, 'manual-completion', { done: true, note: 'Factors removed in the MFA console' }));
      expect(done.state).toBe('notified');
      const executed = (await auditOf(a.desk, opened.id)).find((e) => e.outcome === 'executed')!;
      expect(executed.after).toMatchObject({ source: 'agent_recorded', mfaFactorsRemoved: true });
    });

    it('a ledger-only licence pool: the seat is claimed while the agent works, released by "could not", kept by "done", and a reclaim frees it only when recorded', async () => {
      const pool = (await (await a.call(a.state.admin, 'POST', '/api/v1/admin/license-pools', { name: `Acrobat manual ${dialect}`, product: 'Adobe Acrobat Pro', seatCount: 1 })).json()) as LicensePoolView;
      const amara = a.person('amara.okafor');
      const assign = await viewOf(await a.open(agent, 'amara.okafor', { type: 'assign_license', poolId: String(pool.id) }, 'Needs Acrobat for the audit'), 201);
      await viewOf(await a.step(agent, assign.id, 'verifications/callback'));
      const waiting = await viewOf(await a.step(agent, assign.id, 'execute'));
      expect(waiting.state).toBe('unknown_outcome');
      expect(waiting.manualSteps?.[0]).toContain(`Open the admin console of Adobe Acrobat Pro and find Amara Okafor (id ${amara.id}`);
      expect(await seatsOf(pool.id)).toMatchObject([{ seatNo: 1, holder: { directoryId: amara.id }, requestId: assign.id }]);

      const notDone = await viewOf(await a.step(agent, assign.id, 'manual-completion', { done: false, note: 'No Acrobat licences left at the vendor' }));
      expect(notDone.state).toBe('verified');
      expect(await seatsOf(pool.id)).toEqual([]);

      await viewOf(await a.step(agent, assign.id, 'execute'));
      expect(await seatsOf(pool.id)).toHaveLength(1);
      const done = await viewOf(await a.step(agent, assign.id, 'manual-completion', { done: true }));
      expect(done.state).toBe('notified');
      expect(await seatsOf(pool.id)).toMatchObject([{ seatNo: 1, holder: { directoryId: amara.id } }]);
      expect((await auditOf(a.desk, assign.id)).find((e) => e.outcome === 'executed')?.after).toMatchObject({ source: 'agent_recorded', seatHeld: true });

      const reclaim = await viewOf(await a.open(agent, 'amara.okafor', { type: 'reclaim_license', poolId: String(pool.id) }, 'Audit finished'), 201);
      await viewOf(await a.step(agent, reclaim.id, 'verifications/callback'));
      const removing = await viewOf(await a.step(agent, reclaim.id, 'execute'));
      expect(removing.manualSteps?.[1]).toContain('Remove their Adobe Acrobat Pro licence');
      expect(await seatsOf(pool.id)).toHaveLength(1);
      expect((await viewOf(await a.step(agent, reclaim.id, 'manual-completion', { done: true }))).state).toBe('notified');
      expect(await seatsOf(pool.id)).toEqual([]);
      expect((await verifyAuditChain(a.desk.db)).ok).toBe(true);
    });
  });
});
