import type { AuditEntry, DirectoryGroupList } from '@deskside/shared';
import { Attribute, Change } from 'ldapts';
import { beforeAll, expect, it } from 'vitest';
import { mailOriginOf } from '../src/modules/mail/index.js';
import { expireTimedMemberships } from '../src/modules/access/index.js';
import { listAuditEntries, verifyAuditChain } from '../src/modules/audit/index.js';
import { useAccessDesk } from './support/access-desk.js';
import { describeEachDialect } from './support/dialects.js';
import { startLdapFaultProxy } from './support/ldap-fault-proxy.js';
import type { SessionClient } from './support/people.js';
import { describeWithSlapd } from './support/slapd.js';

const DAY = 24 * 60 * 60 * 1000;
const DOMAIN = 'desk.example.test';

describeEachDialect('access requests: group membership', (dialect) => {
  describeWithSlapd('against a real slapd', () => {
    const a = useAccessDesk(dialect, { settled: ['lucas.moreau', 'jonas.weber', 'diego.alvarez', 'fatima.zahra', 'amara.okafor', 'marcus.reed'] });
    const { call, problemOf, viewOf, step, current } = a;
    let agent: SessionClient;
    let approver: SessionClient;
    let secondApprover: SessionClient;
    let witness: SessionClient;

    const group = (name: string) => a.slapd.fixture.groups[name]!;
    /** Direct members of a group as slapd holds them, read as root. */
    const membersOf = async (name: string) => {
      const entry = await a.slapd.readAsRoot(group(name).dn, ['member']);
      return [entry.member ?? []].flat().map((m) => String(m).toLowerCase());
    };
    const isIn = async (name: string, uid: string) => (await membersOf(name)).includes(a.person(uid).dn.toLowerCase());
    const add = (uid: string, groupName: string, expiresAt: number | null = null, groupId = group(groupName)?.id) =>
      a.open(agent, uid, { type: 'add_group_member', groupId, expiresAt }, 'Needs the shared mailbox for the month-end close');
    const remove = (uid: string, groupName: string) => a.open(agent, uid, { type: 'remove_group_member', groupId: group(groupName).id }, 'Moved to another team');
    const requestCount = async () => Number((await a.desk.db.selectFrom('access_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const auditOf = async (requestId: string) =>
      (await listAuditEntries(a.desk.db, { limit: 500 })).items.map((r) => r.entry).filter((e): e is AuditEntry => 'requestId' in e && e.requestId === requestId);
    const noticesFor = (requestId: string) =>
      a.desk.db.selectFrom('mail_messages').select(['to_address', 'body_text', 'source_key', 'status']).where('kind', '=', 'access_notice')
        .where('source_key', 'like', `access:${requestId}:%`).execute();
    const expire = (now: number) =>
      expireTimedMemberships({ db: a.desk.db, secretKey: a.desk.ctx.config.secretKey, log: a.desk.ctx.log, origin: mailOriginOf(a.desk.ctx.config) }, now);
    /** Callback, one approver, execute: the path of a standard add. */
    const runStandard = async (id: string) => {
      await viewOf(await step(agent, id, 'verifications/callback'));
      await viewOf(await step(approver, id, 'approvals'));
      return viewOf(await step(agent, id, 'execute'));
    };

    beforeAll(async () => {
      // Notices are recorded and queued (no worker runs here, so none is sent).
      a.desk.ctx.config.mail = { smtpUrl: 'smtp://127.0.0.1:9', from: `IT Support <support@${DOMAIN}>`, domain: DOMAIN };
      agent = await a.agentWithMfa();
      approver = await a.agentWithMfa();
      secondApprover = await a.agentWithMfa();
      witness = await a.agentWithMfa();
    });

    it('adds a member after a callback and one approver: slapd has them, the notice is queued, the audit verifies', async () => {
      expect(await isIn('Finance Mailbox', 'lucas.moreau')).toBe(false);
      const opened = await viewOf(await add('lucas.moreau', 'Finance Mailbox'), 201);
      expect(opened).toMatchObject({ state: 'requested', action: { type: 'add_group_member', groupId: group('Finance Mailbox').id, expiresAt: null } });
      expect(opened.target.tier).toBe('standard');
      expect(opened.requirements).toMatchObject({ methodsRequired: 1, approversRequired: 1 });

      // Out of order: nothing executes before verification, or before the approval after it.
      expect((await problemOf(await step(agent, opened.id, 'execute'), 409)).allowed).toEqual(['verified', 'refused', 'expired']);
      await viewOf(await step(agent, opened.id, 'verifications/callback'));
      await problemOf(await step(agent, opened.id, 'execute'), 409);
      // The agent who asked cannot approve their own request.
      await problemOf(await step(agent, opened.id, 'approvals'), 409);
      expect(await isIn('Finance Mailbox', 'lucas.moreau')).toBe(false);
      expect((await viewOf(await step(approver, opened.id, 'approvals'))).state).toBe('approved');

      const executed = await viewOf(await step(agent, opened.id, 'execute'));
      expect(executed.state).toBe('notified');
      expect(await isIn('Finance Mailbox', 'lucas.moreau')).toBe(true);
      await problemOf(await step(agent, opened.id, 'execute'), 409);

      const notices = await noticesFor(opened.id);
      expect(notices.map((n) => n.to_address).join(' ')).toContain(a.person('lucas.moreau').email);
      expect(notices.map((n) => n.to_address).join(' ')).toContain(a.person('marcus.reed').email);
      expect(notices[0]!.body_text).toContain('is now a member of the directory group "Finance Mailbox"');

      expect((await verifyAuditChain(a.desk.db)).ok).toBe(true);
      const entries = await auditOf(opened.id);
      expect(entries.map((e) => e.outcome)).toEqual(expect.arrayContaining(['requested', 'verified', 'approved', 'unknown_outcome', 'executed', 'notified']));
      const done = entries.find((e) => e.outcome === 'executed')!;
      expect(done.after).toMatchObject({ groupId: group('Finance Mailbox').id, memberAfter: true, alreadyMember: false, membershipEndsAt: null });
      expect(done.approvers).toHaveLength(1);
      // A lasting add schedules no removal.
      expect(await a.desk.db.selectFrom('timed_memberships').selectAll().where('request_id', '=', opened.id).execute()).toEqual([]);
    });

    it('adding to a group nested inside a privileged group is privileged: two methods and two approvers', async () => {
      const opened = await viewOf(await add('jonas.weber', 'Domain Admins'), 201);
      expect(opened.target.tier).toBe('privileged');
      expect(opened.requirements).toMatchObject({ methodsRequired: 2, approversRequired: 2 });
      await viewOf(await step(agent, opened.id, 'verifications/callback'));
      await viewOf(await step(agent, opened.id, 'verifications/in-person', { document: 'staff badge and passport' }));
      expect((await viewOf(await step(witness, opened.id, 'verifications/in-person', { document: 'staff badge' }))).state).toBe('verified');
      expect((await viewOf(await step(approver, opened.id, 'approvals'))).state).toBe('verified');
      expect((await problemOf(await step(agent, opened.id, 'execute'), 409)).detail).toMatch(/approv/i);
      expect(await isIn('Domain Admins', 'jonas.weber')).toBe(false);
      expect((await viewOf(await step(secondApprover, opened.id, 'approvals'))).state).toBe('approved');
      expect((await viewOf(await step(agent, opened.id, 'execute'))).state).toBe('notified');
      expect(await isIn('Domain Admins', 'jonas.weber')).toBe(true);
    });

    it('a time-bound add is removed once at expiry by the job, with its audit entry and notices', async () => {
      const start = Date.now();
      const until = start + 2 * DAY;
      const opened = await viewOf(await add('diego.alvarez', 'Sales Drive', until), 201);
      expect(opened.action.expiresAt).toBe(until);
      expect((await runStandard(opened.id)).state).toBe('notified');
      expect(await isIn('Sales Drive', 'diego.alvarez')).toBe(true);
      const [grant] = await a.desk.db.selectFrom('timed_memberships').selectAll().where('request_id', '=', opened.id).execute();
      expect(grant).toMatchObject({ state: 'active', group_id: group('Sales Drive').id, target_immutable_id: a.person('diego.alvarez').id, expires_at: until });
      expect((await noticesFor(opened.id))[0]!.body_text).toContain('removes it automatically');

      // Not yet due: nothing happens.
      expect(await expire(start + DAY)).toEqual({ removed: 0, alreadyRemoved: 0, failed: 0 });
      expect(await isIn('Sales Drive', 'diego.alvarez')).toBe(true);

      // Two runs at once past the end: one removes it, the other finds it claimed.
      const later = until + 60_000;
      const runs = await Promise.all([expire(later), expire(later)]);
      expect(runs.reduce((n, r) => n + r.removed, 0)).toBe(1);
      expect(runs.reduce((n, r) => n + r.alreadyRemoved + r.failed, 0)).toBe(0);
      expect(await isIn('Sales Drive', 'diego.alvarez')).toBe(false);
      expect(await isIn('Sales Drive', 'hana.sato')).toBe(true);
      expect(await expire(later + 60_000)).toEqual({ removed: 0, alreadyRemoved: 0, failed: 0 });
      const ended = await a.desk.db.selectFrom('timed_memberships').selectAll().where('request_id', '=', opened.id).executeTakeFirstOrThrow();
      expect(ended).toMatchObject({ state: 'removed', ended_how: 'removed', attempts: 1, removed_at: later });

      const removals = (await auditOf(opened.id)).filter((e) => e.action === 'remove_group_member');
      expect(removals).toHaveLength(1);
      expect(removals[0]!.after).toMatchObject({ by: 'desk:timed-membership-expiry', groupId: group('Sales Drive').id, memberAfter: false });
      expect((await verifyAuditChain(a.desk.db)).ok).toBe(true);
      const endNotices = (await noticesFor(opened.id)).filter((n) => n.source_key?.includes(':membership-ended:'));
      expect(endNotices.map((n) => n.to_address).join(' ')).toContain(a.person('diego.alvarez').email);
      expect(endNotices.map((n) => n.to_address).join(' ')).toContain(a.person('hana.sato').email);
      expect(endNotices[0]!.body_text).toContain('was removed from the directory group "Sales Drive"');
    });

    it('a time-bound membership removed by hand before its end is recorded as such, with no write', async () => {
      const until = Date.now() + DAY;
      const opened = await viewOf(await add('fatima.zahra', 'Sales Drive', until), 201);
      expect((await runStandard(opened.id)).state).toBe('notified');
      expect(await isIn('Sales Drive', 'fatima.zahra')).toBe(true);
      await a.slapd.modifyAsRoot(group('Sales Drive').dn, [
        new Change({ operation: 'delete', modification: new Attribute({ type: 'member', values: [a.person('fatima.zahra').dn] }) }),
      ]);
      expect(await expire(until + 1)).toEqual({ removed: 0, alreadyRemoved: 1, failed: 0 });
      const ended = await a.desk.db.selectFrom('timed_memberships').selectAll().where('request_id', '=', opened.id).executeTakeFirstOrThrow();
      expect(ended).toMatchObject({ state: 'removed', ended_how: 'already_removed' });
      const removal = (await auditOf(opened.id)).find((e) => e.action === 'remove_group_member')!;
      expect(removal.before).toMatchObject({ member: false });
      expect(String(removal.after?.removal)).toContain('already removed');
    });

    it('the expiry reads back a lost reply instead of writing again, and retries a write that never arrived', async () => {
      const until = Date.now() + DAY;
      for (const uid of ['lucas.moreau', 'amara.okafor']) {
        const opened = await viewOf(await add(uid, 'Sales Drive', until), 201);
        expect((await runStandard(opened.id)).state).toBe('notified');
      }
      // From here the desk reaches slapd through a proxy that loses what it is told to.
      const proxy = await startLdapFaultProxy(a.slapd.port);
      const row = (await a.desk.db.selectFrom('directory_connections').select(['id', 'config']).executeTakeFirstOrThrow());
      const direct = row.config;
      await a.desk.db.updateTable('directory_connections').set({ config: JSON.stringify({ ...JSON.parse(direct), url: proxy.url }) }).where('id', '=', row.id).execute();
      try {
        proxy.arm('drop-reply');
        const first = await expire(until + 1);
        // The first removal's reply was lost and read back as applied; the second went through.
        expect(first).toEqual({ removed: 2, alreadyRemoved: 0, failed: 0 });
        expect(proxy.writesForwarded()).toBe(2);
        expect(await isIn('Sales Drive', 'lucas.moreau')).toBe(false);

        const again = await viewOf(await add('lucas.moreau', 'Sales Drive', until + DAY), 201);
        expect((await runStandard(again.id)).state).toBe('notified');
        proxy.arm('drop-request');
        expect(await expire(until + DAY + 1)).toEqual({ removed: 0, alreadyRemoved: 0, failed: 1 });
        expect(await isIn('Sales Drive', 'lucas.moreau')).toBe(true);
        const waiting = await a.desk.db.selectFrom('timed_memberships').selectAll().where('request_id', '=', again.id).executeTakeFirstOrThrow();
        expect(waiting).toMatchObject({ state: 'active', attempts: 1 });
        expect(waiting.last_error).toBeTruthy();
        expect(await expire(until + DAY + 2)).toEqual({ removed: 1, alreadyRemoved: 0, failed: 0 });
        expect(await isIn('Sales Drive', 'lucas.moreau')).toBe(false);
        expect((await auditOf(again.id)).filter((e) => e.action === 'remove_group_member')).toHaveLength(1);

        // A removal that keeps failing: from the third attempt the agent and Security are told, once.
        const stuck = await viewOf(await add('lucas.moreau', 'Sales Drive', until + 2 * DAY), 201);
        expect((await runStandard(stuck.id)).state).toBe('notified');
        const grant = await a.desk.db.selectFrom('timed_memberships').select('id').where('request_id', '=', stuck.id).executeTakeFirstOrThrow();
        const alerts = () => a.desk.db.selectFrom('jobs').select('payload').where('dedupe_key', '=', `notify:timed-membership-stuck:${grant.id}`).execute();
        for (let attempt = 1; attempt <= 4; attempt++) {
          proxy.arm('drop-request');
          expect(await expire(until + 2 * DAY + attempt)).toEqual({ removed: 0, alreadyRemoved: 0, failed: 1 });
          expect(await alerts()).toHaveLength(attempt < 3 ? 0 : 1);
        }
        const [alert] = await alerts();
        expect(String(alert!.payload)).toContain('could not be removed');
        expect(await isIn('Sales Drive', 'lucas.moreau')).toBe(true);
        expect(await expire(until + 2 * DAY + 10)).toEqual({ removed: 1, alreadyRemoved: 0, failed: 0 });
      } finally {
        await a.desk.db.updateTable('directory_connections').set({ config: direct }).where('id', '=', row.id).execute();
        await proxy.close();
      }
    });

    it('removes a direct member; a nested-only or absent membership cannot be removed (409)', async () => {
      expect(await isIn('Finance', 'amara.okafor')).toBe(true);
      const before = await requestCount();
      expect((await problemOf(await remove('amara.okafor', 'Staff'), 409)).detail).toContain('only through another group');
      expect((await problemOf(await remove('diego.alvarez', 'Finance'), 409)).detail).toContain('is not a member');
      expect(await requestCount()).toBe(before);

      const opened = await viewOf(await remove('amara.okafor', 'Finance'), 201);
      expect(opened.requirements).toMatchObject({ approversRequired: 0 });
      await problemOf(await step(agent, opened.id, 'execute'), 409);
      await viewOf(await step(agent, opened.id, 'verifications/callback'));
      expect((await viewOf(await step(agent, opened.id, 'execute'))).state).toBe('notified');
      expect(await isIn('Finance', 'amara.okafor')).toBe(false);
      expect(await isIn('Finance', 'marcus.reed')).toBe(true);
      const done = (await auditOf(opened.id)).find((e) => e.outcome === 'executed')!;
      expect(done.after).toMatchObject({ groupId: group('Finance').id, memberAfter: false, alreadyRemoved: false });
    });

    it('refuses an unknown group, a bad expiry and an existing member when opened, storing nothing', async () => {
      const before = await requestCount();
      const unknown = await problemOf(await add('lucas.moreau', 'none', null, crypto.randomUUID()), 422);
      expect(unknown.detail).toContain('action.groupId');
      // A name typed where an id belongs is no group either.
      expect((await problemOf(await add('lucas.moreau', 'none', null, 'Finance Mailbox'), 422)).detail).toContain('action.groupId');
      expect((await problemOf(await add('lucas.moreau', 'Sales Drive', Date.now() - 60_000), 422)).detail).toContain('action.expiresAt');
      expect((await problemOf(await add('lucas.moreau', 'Sales Drive', Date.now() + 91 * DAY), 422)).detail).toContain('90 days');
      expect((await problemOf(await add('marcus.reed', 'Finance'), 409)).detail).toContain('already a direct member');
      // Unknown fields are a schema error.
      await problemOf(await a.open(agent, 'lucas.moreau', { type: 'add_group_member', groupId: group('Sales Drive').id, expiresAt: null, groupName: 'Sales' }), 400);
      expect(await requestCount()).toBe(before);
    });

    it('lists the groups the people of record belong to, for staff only', async () => {
      const res = await call(agent, 'GET', '/api/v1/directory/groups?q=finance');
      expect(res.status, await res.clone().text()).toBe(200);
      const { items } = (await res.json()) as DirectoryGroupList;
      expect(items.map((g) => g.name)).toEqual(['Finance', 'Finance Mailbox']);
      expect(items.find((g) => g.name === 'Finance')!.id).toBe(group('Finance').id);
      expect((await call(a.state.requester, 'GET', '/api/v1/directory/groups')).status).toBe(403);
      const requestView = await current(agent, (await viewOf(await add('lucas.moreau', 'Sales Drive'), 201)).id);
      expect(requestView.action.groupId).toBe(group('Sales Drive').id);
    });
  });
});
