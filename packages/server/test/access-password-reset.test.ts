import { Writable } from 'node:stream';
import type { Problem } from '@deskside/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../src/desk.js';
import { startJobEngine, type JobEngine } from '../src/jobs/index.js';
import { sendResetLinkJob } from '../src/modules/access/index.js';
import { verifyAuditChain } from '../src/modules/audit/index.js';
import { findDirectoryConnection, syncDirectory } from '../src/modules/directory-sync/index.js';
import { sendMailJob } from '../src/modules/mail/index.js';
import { viewOf } from './support/access-desk.js';
import { describeEachDialect } from './support/dialects.js';
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
const NEW_PASSWORD = 'Violet-Harbour-Lantern-42';

describeEachDialect('access requests: password reset by a single-use link, and the notices after', (dialect) => {
  describeWithSlapd('against a real slapd and a real SMTP server', () => {
    const slapd = useSlapd();
    const logLines: string[] = [];
    const log = createLogger({ logLevel: 'debug' }, new Writable({ write(chunk: Buffer, _enc, done) { logLines.push(chunk.toString('utf8')); done(); } }));
    const desk = useTestDesk(dialect, { log });
    let smtp: SmtpSink;
    let engine: JobEngine;
    let admin: SessionClient;
    let agent: SessionClient;
    let ticketId: number;
    const seen: string[] = [];

    const call = async (who: SessionClient, method: string, path: string, body?: unknown) => {
      const res = await who.raw(path, { method, csrf: method !== 'GET', body: body === undefined ? undefined : JSON.stringify(body) });
      seen.push(await res.clone().text());
      return res;
    };
    const person = (uid: string) => slapd.fixture.people[uid]!;
    const open = (uid: string, type: 'reset_password' | 'unlock_account') =>
      call(agent, 'POST', `/api/v1/tickets/${ticketId}/access-requests`, { action: { type }, targetDirectoryId: person(uid).id, note: 'Forgot my password' });
    const step = (id: string, path: string) => call(agent, 'POST', `/api/v1/access-requests/${id}/${path}`, {});
    const redeem = (token: string, newPassword: string) =>
      fetch(`${desk.baseUrl}/api/v1/password-reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, newPassword }) });
    const mailsTo = (uid: string) => smtp.received.filter((r) => r.to.includes(person(uid).email));
    const tokenIn = (text: string) => /\/reset#([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    const stable = (uid: string) =>
      desk.db.updateTable('directory_people').set({ phone_changed_at: Date.now() - 30 * DAY, email_changed_at: Date.now() - 30 * DAY }).where('immutable_id', '=', person(uid).id).execute();

    beforeAll(async () => {
      smtp = await startSmtpSink();
      desk.ctx.config.mail = { smtpUrl: smtp.url, from: `IT Support <support@${DOMAIN}>`, domain: DOMAIN };
      engine = startJobEngine(desk.ctx, { kinds: [sendMailJob, sendResetLinkJob], pollMs: 50, backoffMs: 50 });
      admin = (await signedIn(desk, { role: 'admin' })).api;
      const requester = (await signedIn(desk, { role: 'requester' })).api;
      const p = await createPerson(desk, { role: 'agent', groupNames: ['Service Desk'] });
      agent = await signIn(desk, p.email, p.password);
      const { secret } = await agent.startTotpEnrolment();
      await agent.confirmTotpEnrolment(await new Authenticator(secret).fresh());
      const res = await call(admin, 'PUT', '/api/v1/admin/directory', {
        kind: 'ldap', enabled: true, syncIntervalMinutes: 60,
        ldap: { url: slapd.url, startTls: false, bindDn: SERVICE_DN, bindPassword: slapd.fixture.servicePassword, peopleBaseDn: PEOPLE_BASE, groupsBaseDn: GROUPS_BASE, privilegedGroupIds: [slapd.fixture.groups['Privileged']!.id] },
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const outcome = await syncDirectory(desk.ctx, (await findDirectoryConnection(desk.db))!.id);
      expect(outcome.ran && outcome.error).toBeNull();
      for (const uid of ['diego.alvarez', 'lucas.moreau', 'amara.okafor', 'fatima.zahra']) await stable(uid);
      ticketId = (await createTicket(requester, { subject: 'Forgot my password', description: 'I cannot remember my password.' })).id;
    });
    afterAll(async () => {
      await engine?.stop();
      await smtp?.close();
    });

    it('reset: the user gets a single-use link, sets the password themselves; nobody else ever sees the token or the password', async () => {
      const diego = person('diego.alvarez');
      const opened = await viewOf(await open('diego.alvarez', 'reset_password'), 201);
      await viewOf(await step(opened.id, 'verifications/callback'));
      const executed = await viewOf(await step(opened.id, 'execute'));
      expect(executed.state).toBe('notified');
      expect(executed.outcome).toBeNull();
      // No password was written: the old one still works until the user sets theirs.
      expect(await slapd.tryBind(diego.dn, diego.password)).toBe(true);

      const [linkMail] = await waitFor('the reset link mail', async () => {
        const m = mailsTo('diego.alvarez').filter((r) => r.mail.subject === 'Set your new password');
        return m.length > 0 ? m : undefined;
      });
      const token = tokenIn(linkMail!.mail.text ?? '')!;
      expect(token).toBeTruthy();
      expect(linkMail!.mail.html).toContain(`/reset#${token}`);

      // Notices: the target and their manager (Hana Sato), with nothing that grants anything.
      const notices = await waitFor('the notices', async () => {
        const mine = mailsTo('diego.alvarez').filter((r) => r.mail.subject === 'Security notice about your account');
        const manager = mailsTo('hana.sato');
        return mine.length > 0 && manager.length > 0 ? [...mine, ...manager] : undefined;
      });
      for (const n of notices) {
        expect(n.mail.text).toContain('call the Security desk');
        expect(n.mail.text).not.toContain(token);
        expect(n.mail.text).not.toMatch(/https?:\/\//);
      }

      // The stored mail, the token table, responses, the audit export, the timeline and the log never hold the token.
      const stored = await desk.db.selectFrom('mail_messages').select(['body_text', 'body_html']).where('kind', '=', 'password_reset_link').execute();
      expect(stored.length).toBeGreaterThan(0);
      await call(agent, 'GET', `/api/v1/access-requests/${opened.id}`);
      await call(agent, 'GET', `/api/v1/tickets/${ticketId}/events`);
      await call(admin, 'GET', '/api/v1/admin/audit/export');
      await call(admin, 'GET', '/api/v1/admin/audit?limit=200');

      const first = await redeem(token, NEW_PASSWORD);
      expect(first.status, await first.clone().text()).toBe(200);
      expect(await slapd.tryBind(diego.dn, NEW_PASSWORD)).toBe(true);
      expect(await slapd.tryBind(diego.dn, diego.password)).toBe(false);
      const again = await redeem(token, 'Another-Long-Password-77');
      expect(again.status).toBe(410);
      expect(((await again.json()) as Problem).detail).toContain('already used');
      expect(await slapd.tryBind(diego.dn, NEW_PASSWORD)).toBe(true);

      await call(admin, 'GET', '/api/v1/admin/audit/export');
      const rows = await desk.db.selectFrom('password_reset_tokens').selectAll().execute();
      const everything = [
        ...seen, ...logLines, JSON.stringify(stored), JSON.stringify(rows),
        JSON.stringify(await desk.db.selectFrom('audit_log').selectAll().execute()),
        JSON.stringify(await desk.db.selectFrom('jobs').selectAll().execute()),
      ].join('\n');
      expect(logLines.length).toBeGreaterThan(0);
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(NEW_PASSWORD);
      expect((await verifyAuditChain(desk.db)).ok).toBe(true);
      const final = await viewOf(await call(agent, 'GET', `/api/v1/access-requests/${opened.id}`));
      expect(final.state).toBe('notified');
    });

    it('a link is refused when expired, unknown, or for a weak password; a reset to a recently changed address cannot execute', async () => {
      const lucas = person('lucas.moreau');
      const opened = await viewOf(await open('lucas.moreau', 'reset_password'), 201);
      await viewOf(await step(opened.id, 'verifications/callback'));
      await viewOf(await step(opened.id, 'execute'));
      const [mail] = await waitFor('the reset link mail', async () => {
        const m = mailsTo('lucas.moreau').filter((r) => r.mail.subject === 'Set your new password');
        return m.length > 0 ? m : undefined;
      });
      const token = tokenIn(mail!.mail.text ?? '')!;
      expect((await redeem(token, 'short')).status).toBe(422);
      expect((await redeem(token, 'xx-lucas.moreau-xx-2026')).status).toBe(422);
      expect((await redeem('A'.repeat(43), NEW_PASSWORD)).status).toBe(404);
      await desk.db.updateTable('password_reset_tokens').set({ expires_at: Date.now() - 1000 }).where('request_id', '=', opened.id).execute();
      const expired = await redeem(token, NEW_PASSWORD);
      expect(expired.status).toBe(410);
      expect(((await expired.json()) as Problem).detail).toContain('expired');
      expect(await slapd.tryBind(lucas.dn, lucas.password)).toBe(true);

      // An address of record that changed recently is not a verified channel.
      await desk.db.updateTable('directory_people').set({ email_changed_at: Date.now() - DAY }).where('immutable_id', '=', person('amara.okafor').id).execute();
      const risky = await viewOf(await open('amara.okafor', 'reset_password'), 201);
      await viewOf(await step(risky.id, 'verifications/callback'));
      const refused = await step(risky.id, 'execute');
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as Problem).detail).toContain('e-mail address of record changed');
    });

    it('an executed unlock notifies the target at the current and the recently previous address, and the manager', async () => {
      const fatima = person('fatima.zahra');
      await desk.db.updateTable('directory_people')
        .set({ email_previous: 'fatima.old@meridian.test', email_changed_at: Date.now() - 3 * DAY })
        .where('immutable_id', '=', fatima.id).execute();
      for (let i = 0; i < 3; i++) await slapd.tryBind(fatima.dn, 'wrong-password');
      const opened = await viewOf(await open('fatima.zahra', 'unlock_account'), 201);
      await viewOf(await step(opened.id, 'verifications/callback'));
      const done = await viewOf(await step(opened.id, 'execute'));
      expect(done.state).toBe('notified');
      const got = await waitFor('three notices', async () => {
        const to = smtp.received.filter((r) => r.mail.subject?.includes('Security notice')).flatMap((r) => r.to);
        const want = [fatima.email, 'fatima.old@meridian.test', person('hana.sato').email];
        return want.every((w) => to.includes(w)) ? to : undefined;
      });
      expect(got).toContain(person('hana.sato').email);
      const toManager = smtp.received.filter((r) => r.to.includes(person('hana.sato').email)).map((r) => r.mail.text ?? '');
      expect(toManager.some((t) => t.includes('The account of Fatima Zahra was unlocked'))).toBe(true);
    });
  });
});
