import type { Notification } from '@deskside/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJobEngine, type JobEngine } from '../src/jobs/index.js';
import { findDirectoryConnection, syncDirectory } from '../src/modules/directory-sync/index.js';
import { findGroupByName } from '../src/modules/identity/index.js';
import { notifyJob } from '../src/modules/notifications/index.js';
import { problemOf, viewOf } from './support/access-desk.js';
import { describeEachDialect } from './support/dialects.js';
import { waitFor } from './support/jobs.js';
import { createPerson, signedIn, signIn, type SessionClient, type TestPerson } from './support/people.js';
import { GROUPS_BASE, PEOPLE_BASE, SERVICE_DN } from './support/slapd-directory.js';
import { describeWithSlapd, useSlapd } from './support/slapd.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket } from './support/tickets.js';
import { Authenticator } from './support/totp.js';

const DAY = 24 * 60 * 60 * 1000;

describeEachDialect('access requests: routed to Security', (dialect) => {
  describeWithSlapd('high scores and velocity holds alert Security, against a real slapd', () => {
    const slapd = useSlapd();
    const desk = useTestDesk(dialect);
    let engine: JobEngine;
    let admin: SessionClient;
    let requester: SessionClient;
    let agent: SessionClient;
    let agentPerson: TestPerson;
    let security: { person: TestPerson; api: SessionClient };

    const call = (who: SessionClient, method: string, path: string, body?: unknown) =>
      who.raw(path, { method, csrf: method !== 'GET', body: body === undefined ? undefined : JSON.stringify(body) });
    const person = (uid: string) => slapd.fixture.people[uid]!;
    const open = (who: SessionClient, ticketId: number, uid: string, note: string) =>
      call(who, 'POST', `/api/v1/tickets/${ticketId}/access-requests`, { action: { type: 'unlock_account' }, targetDirectoryId: person(uid).id, note });
    const step = (who: SessionClient, id: string, path: string, body: unknown = {}) => call(who, 'POST', `/api/v1/access-requests/${id}/${path}`, body);
    const alertsFor = async (securityTicketId: number): Promise<Notification[]> =>
      (await security.api.notifications({ limit: 100 })).items.filter((n) => n.ticketId === securityTicketId);
    const notifyJobsAbout = async (securityTicketId: number) => {
      const rows = await desk.db.selectFrom('jobs').select('payload').where('kind', '=', notifyJob.name).execute();
      return rows.map((r) => JSON.parse(r.payload) as { ticketId?: number; kind: string }).filter((p) => p.ticketId === securityTicketId);
    };
    const withMfa = async (groupNames = ['Service Desk']) => {
      const p = await createPerson(desk, { role: 'agent', groupNames });
      const api = await signIn(desk, p.email, p.password);
      const { secret } = await api.startTotpEnrolment();
      await api.confirmTotpEnrolment(await new Authenticator(secret).fresh());
      return { person: p, api };
    };

    beforeAll(async () => {
      engine = startJobEngine(desk.ctx, { kinds: [notifyJob], pollMs: 100 });
      admin = (await signedIn(desk, { role: 'admin' })).api;
      requester = (await signedIn(desk, { role: 'requester' })).api;
      ({ person: agentPerson, api: agent } = await withMfa());
      security = await signedIn(desk, { role: 'agent', groupNames: ['Security'], name: 'Sec Reviewer' });
      const res = await call(admin, 'PUT', '/api/v1/admin/directory', {
        kind: 'ldap', enabled: true, syncIntervalMinutes: 60,
        ldap: { url: slapd.url, startTls: false, bindDn: SERVICE_DN, bindPassword: slapd.fixture.servicePassword, peopleBaseDn: PEOPLE_BASE, groupsBaseDn: GROUPS_BASE, privilegedGroupIds: [slapd.fixture.groups['Privileged']!.id] },
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const row = await findDirectoryConnection(desk.db);
      const outcome = await syncDirectory(desk.ctx, row!.id);
      expect(outcome.ran && outcome.error).toBeNull();
      // The fixture was loaded today; these numbers have been stable for a month.
      await desk.db.updateTable('directory_people').set({ phone_changed_at: Date.now() - 30 * DAY }).execute();
    });
    afterAll(async () => {
      await engine?.stop();
    });

    it('a hostile "CFO" request scores high, alerts Security, opens a linked security ticket and cannot be executed by the agent alone', async () => {
      const ticket = await createTicket(requester, {
        subject: 'Locked out - urgent',
        description: 'This is the CFO. Unlock it right now and keep this between us, don\'t tell IT security.',
      });
      const opened = await viewOf(await open(agent, ticket.id, 'marcus.reed', 'Caller says he is the CFO and is boarding a flight'), 201);
      expect(opened.signals.level).toBe('high');
      expect(opened.signals.items.length).toBeGreaterThan(0);
      expect(opened.securityTicketId).toEqual(expect.any(Number));
      expect(opened.requirements.approversRequired).toBeGreaterThanOrEqual(1);
      const securityTicketId = opened.securityTicketId!;

      // The security ticket: in the Security group, opened by the desk, with the link as an internal note.
      const securityGroup = await findGroupByName(desk.db, 'Security');
      const secTicket = await desk.db.selectFrom('tickets').selectAll().where('id', '=', securityTicketId).executeTakeFirstOrThrow();
      expect(secTicket).toMatchObject({ group_id: securityGroup!.id, type: 'incident', created_by_id: null });
      expect(secTicket.subject).toContain(ticket.number);
      const notes = await desk.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', securityTicketId).where('type', '=', 'internal_note').execute();
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ visibility: 'internal' });
      expect(notes[0]!.body).toContain(opened.id);
      expect(notes[0]!.body).toContain(ticket.number);
      expect(notes[0]!.body).toContain('keep this between us');
      expect(JSON.parse(notes[0]!.data)).toMatchObject({ relatedTicketId: ticket.id, accessRequestId: opened.id });

      // Security's members are told, once, with the signals and the caller's words.
      const [alert] = await waitFor('the security alert', async () => {
        const mine = await alertsFor(securityTicketId);
        return mine.length > 0 ? mine : undefined;
      });
      expect(alert).toMatchObject({ kind: 'access.security-alert' });
      expect(alert!.title).toContain(ticket.number);
      expect(alert!.title).toContain('Marcus Reed');
      expect(alert!.body).toContain('keep this between us');
      expect(await notifyJobsAbout(securityTicketId)).toHaveLength(1);
      // The requesting agent is not among those alerted.
      expect((await agent.notifications({ limit: 100 })).items.filter((n) => n.kind === 'access.security-alert')).toHaveLength(0);

      // Pressure does not execute it: a callback of record is not enough without a security review.
      const verified = await viewOf(await step(agent, opened.id, 'verifications/callback'));
      expect(verified.verifications.map((v) => v.method)).toContain('callback_of_record');
      expect(verified.missing.join('\n')).toContain('security reviewer');
      await problemOf(await step(agent, opened.id, 'execute'), 409);
      // Even with a second method (an in-person check confirmed by another agent), execution waits for Security.
      const second = await withMfa();
      await viewOf(await step(agent, opened.id, 'verifications/in-person', { document: 'staff badge and passport' }));
      const both = await viewOf(await step(second.api, opened.id, 'verifications/in-person', { document: 'staff badge' }));
      expect(both.missing).toContain('Needs approval by a security reviewer');
      expect(both.allowedNext).not.toContain('unknown_outcome');
      await problemOf(await step(agent, opened.id, 'execute'), 409);
      await problemOf(await step(second.api, opened.id, 'execute'), 409);
      const after = await viewOf(await call(agent, 'GET', `/api/v1/access-requests/${opened.id}`));
      expect(after.state).toBe('requested');
      expect(after.executedAt).toBeNull();
      expect(after.securityTicketId).toBe(securityTicketId);
    });

    it('a plain request raises no alert and opens no security ticket', async () => {
      const ticket = await createTicket(requester, { subject: 'Cannot sign in', description: 'My account says it is locked.' });
      const before = await desk.db.selectFrom('tickets').select('id').where('group_id', '=', (await findGroupByName(desk.db, 'Security'))!.id).execute();
      const opened = await viewOf(await open(agent, ticket.id, 'diego.alvarez', 'Locked out after the holidays'), 201);
      expect(opened.signals.level).not.toBe('high');
      expect(opened.securityTicketId ?? null).toBeNull();
      const afterTickets = await desk.db.selectFrom('tickets').select('id').where('group_id', '=', (await findGroupByName(desk.db, 'Security'))!.id).execute();
      expect(afterTickets).toHaveLength(before.length);
      expect(opened.requirements.inWords.join('\n')).not.toContain('Held for a security review');
    });

    it('velocity: past the hourly limit the next request is held for a security review and Security is alerted', async () => {
      const { person: busy, api: busyApi } = await withMfa();
      const ticket = await createTicket(requester, { subject: 'Cannot sign in', description: 'My account says it is locked.' });
      const first = await viewOf(await open(busyApi, ticket.id, 'fatima.zahra', 'Locked out after the holidays'), 201);
      expect(first.securityTicketId ?? null).toBeNull();
      // The agent's recent history: as many actions in the last hour as the default policy allows (20).
      const row = await desk.db.selectFrom('access_requests').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
      const now = Date.now();
      await desk.db
        .insertInto('access_requests')
        .values(Array.from({ length: 19 }, (_, i) => ({ ...row, id: crypto.randomUUID(), created_at: now - (i + 1) * 60_000, updated_at: now })))
        .execute();

      const held = await viewOf(await open(busyApi, ticket.id, 'erik.nilsson', 'Locked out after the holidays'), 201);
      expect(held.signals.level).not.toBe('high');
      expect(held.requirements.inWords.join('\n')).toContain('Held for a security review');
      expect(held.requirements.approversRequired).toBeGreaterThanOrEqual(1);
      expect(held.securityTicketId).toEqual(expect.any(Number));
      const verified = await viewOf(await step(busyApi, held.id, 'verifications/callback'));
      expect(verified.missing.join('\n')).toContain('security reviewer');
      await problemOf(await step(busyApi, held.id, 'execute'), 409);

      const [alert] = await waitFor('the velocity alert', async () => {
        const mine = await alertsFor(held.securityTicketId!);
        return mine.length > 0 ? mine : undefined;
      });
      expect(alert!.body).toContain('Velocity limit');
      expect(alert!.body).toContain('the limit is 20');

      // A colleague's approval is not a security review; a member of Security (who also works the ticket) gives it.
      const colleague = await withMfa();
      const approvedByColleague = await viewOf(await step(colleague.api, held.id, 'approvals'));
      expect(approvedByColleague.missing.join('\n')).toContain('security reviewer');
      await problemOf(await step(busyApi, held.id, 'execute'), 409);
      const reviewer = await withMfa(['Service Desk', 'Security']);
      const reviewed = await viewOf(await step(reviewer.api, held.id, 'approvals'));
      expect(reviewed.missing).toEqual([]);
      expect(reviewed.state).toBe('approved');
      const done = await viewOf(await step(busyApi, held.id, 'execute'));
      expect(['executed', 'notified']).toContain(done.state);
      expect(busy.id).not.toBe(agentPerson.id);
    });
  });
});
