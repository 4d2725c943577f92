import type { AccessRequestView, LicensePoolList, LicensePoolView, LicenseSeatList, Problem } from '@deskside/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJobEngine, type JobEngine } from '../src/jobs/index.js';
import { listAuditEntries, verifyAuditChain } from '../src/modules/audit/index.js';
import { findDirectoryConnection, syncDirectory } from '../src/modules/directory-sync/index.js';
import { sendMailJob } from '../src/modules/mail/index.js';
import { describeEachDialect } from './support/dialects.js';
import { startLdapFaultProxy } from './support/ldap-fault-proxy.js';
import { waitFor } from './support/jobs.js';
import { createPerson, signedIn, signIn, type SessionClient } from './support/people.js';
import { GROUPS_BASE, PEOPLE_BASE, SERVICE_DN } from './support/slapd-directory.js';
import { describeWithSlapd, useSlapd } from './support/slapd.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { useTestDesk } from './support/test-desk.js';
import { createTicket } from './support/tickets.js';
import { Authenticator } from './support/totp.js';

const DAY = 24 * 60 * 60 * 1000;
const DOMAIN = 'desk.example.test';
const RACERS = ['lucas.moreau', 'amara.okafor', 'hana.sato', 'fatima.zahra', 'erik.nilsson', 'mei.wong', 'olivia.chen'];

describeEachDialect('access requests: licence seats', (dialect) => {
  describeWithSlapd('assign and reclaim seats against a real slapd', () => {
    const slapd = useSlapd();
    const desk = useTestDesk(dialect);
    let smtp: SmtpSink;
    let engine: JobEngine;
    let admin: SessionClient;
    let agents: SessionClient[];
    let ticketId: number;

    const call = (who: SessionClient, method: string, path: string, body?: unknown) =>
      who.raw(path, { method, csrf: method !== 'GET', body: body === undefined ? undefined : JSON.stringify(body) });
    const json = async <T>(res: Response, status: number): Promise<T> => {
      expect(res.status, await res.clone().text()).toBe(status);
      return (await res.json()) as T;
    };
    const person = (uid: string) => slapd.fixture.people[uid]!;
    const group = (name: string) => slapd.fixture.groups[name]!;
    const agent = () => agents[0]!;
    const open = (uid: string, type: 'assign_license' | 'reclaim_license', poolId: string | number, who = agent()) =>
      call(who, 'POST', `/api/v1/tickets/${ticketId}/access-requests`, { action: { type, poolId: String(poolId) }, targetDirectoryId: person(uid).id, note: 'Needs the licence for the new project' });
    const step = (id: string, path: string, who = agent()) => call(who, 'POST', `/api/v1/access-requests/${id}/${path}`, {});
    const verified = async (uid: string, type: 'assign_license' | 'reclaim_license', poolId: number, who = agent()) => {
      const opened = await json<AccessRequestView>(await open(uid, type, poolId, who), 201);
      expect((await json<AccessRequestView>(await step(opened.id, 'verifications/callback', who), 200)).state).toBe('verified');
      return opened;
    };
    const createPool = async (body: Record<string, unknown>) =>
      json<LicensePoolView>(await call(admin, 'POST', '/api/v1/admin/license-pools', { product: 'Microsoft 365 E3', ...body }), 201);
    const poolNow = async (id: number) => json<LicensePoolView>(await call(admin, 'GET', `/api/v1/admin/license-pools/${id}`), 200);
    const seatsOf = async (id: number) => (await json<LicenseSeatList>(await call(admin, 'GET', `/api/v1/admin/license-pools/${id}/seats`), 200)).items;
    const membersOf = async (name: string) => {
      const member = (await slapd.readAsRoot(group(name).dn, ['member'])).member ?? [];
      return (Array.isArray(member) ? member : [member]).map(String);
    };
    const auditOf = async (requestId: string) =>
      (await listAuditEntries(desk.db, { limit: 500 })).items.map((r) => r.entry).filter((e) => 'requestId' in e && e.requestId === requestId);

    beforeAll(async () => {
      smtp = await startSmtpSink();
      desk.ctx.config.mail = { smtpUrl: smtp.url, from: `IT Support <support@${DOMAIN}>`, domain: DOMAIN };
      engine = startJobEngine(desk.ctx, { kinds: [sendMailJob], pollMs: 50, backoffMs: 50 });
      admin = (await signedIn(desk, { role: 'admin' })).api;
      const requester = (await signedIn(desk, { role: 'requester' })).api;
      agents = [];
      // Several agents: the velocity limit counts each agent's actions per hour.
      for (let i = 0; i < 3; i++) {
        const p = await createPerson(desk, { role: 'agent', groupNames: ['Service Desk'] });
        const api = await signIn(desk, p.email, p.password);
        const { secret } = await api.startTotpEnrolment();
        await api.confirmTotpEnrolment(await new Authenticator(secret).fresh());
        agents.push(api);
      }
      const res = await call(admin, 'PUT', '/api/v1/admin/directory', {
        kind: 'ldap', enabled: true, syncIntervalMinutes: 60,
        ldap: { url: slapd.url, startTls: false, bindDn: SERVICE_DN, bindPassword: slapd.fixture.servicePassword, peopleBaseDn: PEOPLE_BASE, groupsBaseDn: GROUPS_BASE, privilegedGroupIds: [group('Privileged').id] },
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const outcome = await syncDirectory(desk.ctx, (await findDirectoryConnection(desk.db))!.id);
      expect(outcome.ran && outcome.error).toBeNull();
      // The fixture was loaded today, so every number "changed" today; these have been stable for a month.
      await desk.db.updateTable('directory_people').set({ phone_changed_at: Date.now() - 30 * DAY, email_changed_at: Date.now() - 30 * DAY }).execute();
      ticketId = (await createTicket(requester, { subject: 'Licence for the new project', description: 'Please give me an Office licence.' })).id;
    });
    afterAll(async () => {
      await engine?.stop();
      await smtp?.close();
    });

    it('an unknown pool is a 400 naming action.poolId; a reclaim from someone without a seat is refused at open', async () => {
      const unknown = await json<Problem>(await open('diego.alvarez', 'assign_license', 999_999), 400);
      expect(unknown.errors?.[0]?.field).toBe('body.action.poolId');
      expect((await json<Problem>(await open('diego.alvarez', 'assign_license', 'not-a-pool'), 400)).errors?.[0]?.field).toBe('body.action.poolId');
      const pool = await createPool({ name: `Visio ${dialect}`, product: 'Visio', seatCount: 2 });
      const nothing = await json<Problem>(await open('diego.alvarez', 'reclaim_license', pool.id), 409);
      expect(nothing.detail).toContain('holds no seat');
      expect(await desk.db.selectFrom('access_requests').select('id').where('action_type', '=', 'reclaim_license').execute()).toEqual([]);
    });

    it('assign after a callback: a seat is held, the person is in the pool group in slapd, the notice names the pool, the audit verifies; a second seat is refused', async () => {
      const diego = person('diego.alvarez');
      const pool = await createPool({ name: `Office E3 ${dialect}`, seatCount: 3, groupId: group('Sales Drive').id });
      expect(pool.group).toEqual({ id: group('Sales Drive').id, name: 'Sales Drive' });

      const opened = await json<AccessRequestView>(await open('diego.alvarez', 'assign_license', pool.id), 201);
      expect(opened.action).toEqual({ type: 'assign_license', poolId: String(pool.id) });
      expect((await json<Problem>(await step(opened.id, 'execute'), 409)).allowed).toContain('verified');
      expect(await seatsOf(pool.id)).toEqual([]);

      await json<AccessRequestView>(await step(opened.id, 'verifications/callback'), 200);
      const executed = await json<AccessRequestView>(await step(opened.id, 'execute'), 200);
      expect(executed.state).toBe('notified');
      expect(await membersOf('Sales Drive')).toContain(diego.dn);
      expect(await seatsOf(pool.id)).toMatchObject([{ seatNo: 1, holder: { directoryId: diego.id, name: diego.name }, requestId: opened.id }]);
      expect(await poolNow(pool.id)).toMatchObject({ seatsInUse: 1, seatsFree: 2 });
      const held = await json<LicensePoolList>(await call(agent(), 'GET', `/api/v1/license-pools?holder=${encodeURIComponent(diego.id)}`), 200);
      expect(held.items.map((p) => p.id)).toEqual([pool.id]);

      const notice = await waitFor('the notice to Diego', async () =>
        smtp.received.find((r) => r.to.includes(diego.email) && r.mail.subject === 'Security notice about your account'));
      expect(notice.mail.text).toContain(`Microsoft 365 E3 licence seat from the pool "Office E3 ${dialect}" was assigned to Diego Alvarez`);
      expect(notice.mail.text).toContain('Sales Drive');

      expect((await verifyAuditChain(desk.db)).ok).toBe(true);
      const entries = await auditOf(opened.id);
      expect(entries.map((e) => ('outcome' in e ? e.outcome : null))).toEqual(expect.arrayContaining(['requested', 'verified', 'unknown_outcome', 'executed', 'notified']));
      const done = entries.find((e) => 'outcome' in e && e.outcome === 'executed');
      expect(done && 'after' in done ? done.after : null).toMatchObject({ seatHeld: true });

      const again = await json<Problem>(await open('diego.alvarez', 'assign_license', pool.id), 409);
      expect(again.detail).toContain('already holds seat 1');
    });

    it('reclaim after a callback: the seat is free again and the person is out of the group in slapd', async () => {
      const diego = person('diego.alvarez');
      const pool = (await json<LicensePoolList>(await call(agent(), 'GET', '/api/v1/license-pools'), 200)).items.find((p) => p.name === `Office E3 ${dialect}`)!;
      expect(pool.seatsInUse).toBe(1);
      const opened = await verified('diego.alvarez', 'reclaim_license', pool.id);
      const executed = await json<AccessRequestView>(await step(opened.id, 'execute'), 200);
      expect(executed.state).toBe('notified');
      expect(await membersOf('Sales Drive')).not.toContain(diego.dn);
      expect(await seatsOf(pool.id)).toEqual([]);
      expect(await poolNow(pool.id)).toMatchObject({ seatsInUse: 0, seatsFree: 3 });
      const history = await desk.db.selectFrom('license_seats').selectAll().where('pool_id', '=', pool.id).execute();
      expect(history).toMatchObject([{ holder_immutable_id: diego.id, release_request_id: opened.id }]);
      expect(history[0]!.released_at).not.toBeNull();
      expect((await json<LicensePoolList>(await call(agent(), 'GET', `/api/v1/license-pools?holder=${encodeURIComponent(diego.id)}`), 200)).items).toEqual([]);
      const notice = await waitFor('the reclaim notice', async () =>
        smtp.received.find((r) => r.to.includes(diego.email) && (r.mail.text ?? '').includes('was reclaimed')));
      expect(notice.mail.text).toContain('removed from the directory group');
      expect((await verifyAuditChain(desk.db)).ok).toBe(true);
    });

    it('a ledger-only pool records the seat without a directory write; a full pool is 409 with nothing written', async () => {
      const pool = await createPool({ name: `Acrobat ${dialect}`, product: 'Adobe Acrobat Pro', seatCount: 1 });
      const salesBefore = await membersOf('Sales Drive');
      const first = await verified('jonas.weber', 'assign_license', pool.id);
      // The vendor console's steps wait for the agent's record (decision 0043); the seat is held meanwhile.
      expect((await json<AccessRequestView>(await step(first.id, 'execute'), 200)).state).toBe('unknown_outcome');
      expect((await json<AccessRequestView>(await call(agent(), 'POST', `/api/v1/access-requests/${first.id}/manual-completion`, { done: true }), 200)).state).toBe('notified');
      expect(await seatsOf(pool.id)).toMatchObject([{ seatNo: 1, holder: { directoryId: person('jonas.weber').id } }]);
      expect(await membersOf('Sales Drive')).toEqual(salesBefore);
      const notice = await waitFor('the ledger notice', async () =>
        smtp.received.find((r) => r.to.includes(person('jonas.weber').email) && (r.mail.text ?? '').includes('Adobe Acrobat Pro')));
      expect(notice.mail.text).toContain('Adobe Acrobat Pro admin console');

      const second = await verified('marcus.reed', 'assign_license', pool.id);
      const full = await json<Problem>(await step(second.id, 'execute'), 409);
      expect(full.detail).toBe(`no free seat in Acrobat ${dialect}: 1 of 1 in use`);
      expect((await json<AccessRequestView>(await call(agent(), 'GET', `/api/v1/access-requests/${second.id}`), 200)).state).toBe('verified');
      expect(await desk.db.selectFrom('license_seats').select('id').where('request_id', '=', second.id).execute()).toEqual([]);
      expect((await auditOf(second.id)).map((e) => ('outcome' in e ? e.outcome : null))).not.toContain('unknown_outcome');
    });

    it(`${RACERS.length} parallel executes on a pool with 2 free seats: exactly 2 are assigned, the others get 409, the group grows by 2`, async () => {
      const pool = await createPool({ name: `Race ${dialect}`, seatCount: 2, groupId: group('Finance Mailbox').id });
      const before = await membersOf('Finance Mailbox');
      const requests = [];
      for (const [i, uid] of RACERS.entries()) requests.push({ uid, id: (await verified(uid, 'assign_license', pool.id, agents[i % agents.length])).id });
      const results = await Promise.all(requests.map((r, i) => step(r.id, 'execute', agents[i % agents.length])));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(2);
      expect(statuses.filter((s) => s === 409)).toHaveLength(RACERS.length - 2);
      for (const res of results.filter((r) => r.status === 409)) expect(((await res.json()) as Problem).detail).toBe(`no free seat in Race ${dialect}: 2 of 2 in use`);

      const winners = requests.filter((_, i) => statuses[i] === 200).map((r) => r.uid);
      const seats = await seatsOf(pool.id);
      expect(seats.map((s) => s.seatNo)).toEqual([1, 2]);
      expect(seats.map((s) => s.holder.directoryId).sort()).toEqual(winners.map((uid) => person(uid).id).sort());
      const after = await membersOf('Finance Mailbox');
      expect(after.filter((dn) => !before.includes(dn)).sort()).toEqual(winners.map((uid) => person(uid).dn).sort());
      expect(await poolNow(pool.id)).toMatchObject({ seatCount: 2, seatsInUse: 2, seatsFree: 0 });
      expect((await verifyAuditChain(desk.db)).ok).toBe(true);
    });

    it('a write that never reached slapd gives the seat back and may be executed again; a lost reply is read back and keeps the seat', async () => {
      const pool = await createPool({ name: `Faults ${dialect}`, seatCount: 1, groupId: group('Sales Drive').id });
      const proxy = await startLdapFaultProxy(slapd.port);
      const row = await desk.db.selectFrom('directory_connections').select(['id', 'config']).executeTakeFirstOrThrow();
      await desk.db.updateTable('directory_connections').set({ config: JSON.stringify({ ...JSON.parse(row.config), url: proxy.url }) }).where('id', '=', row.id).execute();
      try {
        const lost = await verified('diego.alvarez', 'assign_license', pool.id);
        proxy.arm('drop-request');
        const notApplied = await json<AccessRequestView>(await step(lost.id, 'execute'), 200);
        expect(notApplied.state).toBe('verified');
        expect(await membersOf('Sales Drive')).not.toContain(person('diego.alvarez').dn);
        expect(await seatsOf(pool.id)).toEqual([]);
        expect(await poolNow(pool.id)).toMatchObject({ seatsInUse: 0, seatsFree: 1 });

        proxy.arm('drop-reply');
        const applied = await json<AccessRequestView>(await step(lost.id, 'execute'), 200);
        expect(applied.state).toBe('notified');
        expect(await membersOf('Sales Drive')).toContain(person('diego.alvarez').dn);
        expect(await seatsOf(pool.id)).toMatchObject([{ seatNo: 1, holder: { directoryId: person('diego.alvarez').id }, requestId: lost.id }]);
        expect(proxy.writesForwarded()).toBe(1);
        expect((await verifyAuditChain(desk.db)).ok).toBe(true);
      } finally {
        await desk.db.updateTable('directory_connections').set({ config: row.config }).where('id', '=', row.id).execute();
        await proxy.close();
      }
    });
  });
});
