import { Writable } from 'node:stream';
import type { Problem } from '@deskside/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../src/desk.js';
import { startJobEngine, type JobEngine } from '../src/jobs/index.js';
import { sendVerificationLinkJob } from '../src/modules/access/index.js';
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

describeEachDialect('access requests: directory_otp, the person confirms on their own device', (dialect) => {
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
    const open = (uid: string) =>
      call(agent, 'POST', `/api/v1/tickets/${ticketId}/access-requests`, { action: { type: 'unlock_account' }, targetDirectoryId: person(uid).id, note: 'Locked out' });
    const step = (id: string, path: string) => call(agent, 'POST', `/api/v1/access-requests/${id}/${path}`, {});
    const publicPost = (path: string, body: unknown) =>
      fetch(`${desk.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = (token: string, a: 'yes' | 'no') => publicPost('/api/v1/access-verification', { token, answer: a });
    const tokenIn = (text: string) => /\/verify#([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    const linkFor = async (uid: string, already: number) => {
      const mails = await waitFor('the confirmation mail', async () => {
        const m = smtp.received.filter((r) => r.to.includes(person(uid).email) && r.mail.subject === 'Did you ask the IT desk for this?');
        return m.length > already ? m : undefined;
      });
      const last = mails[mails.length - 1]!;
      return { token: tokenIn(last.mail.text ?? '')!, mail: last };
    };
    const countFor = (uid: string) => smtp.received.filter((r) => r.to.includes(person(uid).email) && r.mail.subject === 'Did you ask the IT desk for this?').length;
    const lock = async (uid: string) => {
      for (let i = 0; i < 3; i++) expect(await slapd.tryBind(person(uid).dn, 'wrong-password')).toBe(false);
    };

    beforeAll(async () => {
      smtp = await startSmtpSink();
      desk.ctx.config.mail = { smtpUrl: smtp.url, from: `IT Support <support@${DOMAIN}>`, domain: DOMAIN };
      engine = startJobEngine(desk.ctx, { kinds: [sendMailJob, sendVerificationLinkJob], pollMs: 50, backoffMs: 50 });
      admin = (await signedIn(desk, { role: 'admin' })).api;
      const requester = (await signedIn(desk, { role: 'requester' })).api;
      const p = await createPerson(desk, { role: 'agent', groupNames: ['Service Desk'], name: 'Agent Olivia' });
      agent = await signIn(desk, p.email, p.password);
      const { secret } = await agent.startTotpEnrolment();
      await agent.confirmTotpEnrolment(await new Authenticator(secret).fresh());
      const res = await call(admin, 'PUT', '/api/v1/admin/directory', {
        kind: 'ldap', enabled: true, syncIntervalMinutes: 60,
        ldap: { url: slapd.url, startTls: false, bindDn: SERVICE_DN, bindPassword: slapd.fixture.servicePassword, peopleBaseDn: PEOPLE_BASE, groupsBaseDn: GROUPS_BASE, privilegedGroupIds: [slapd.fixture.groups['Privileged']!.id] },
      });
      expect(res.status, await res.clone().text()).toBe(200);
      await lock('diego.alvarez');
      const outcome = await syncDirectory(desk.ctx, (await findDirectoryConnection(desk.db))!.id);
      expect(outcome.ran && outcome.error).toBeNull();
      for (const uid of ['diego.alvarez', 'lucas.moreau']) {
        await desk.db.updateTable('directory_people').set({ phone_changed_at: Date.now() - 30 * DAY, email_changed_at: Date.now() - 30 * DAY }).where('immutable_id', '=', person(uid).id).execute();
      }
      ticketId = (await createTicket(requester, { subject: 'Locked out', description: 'My account is locked.' })).id;
    });
    afterAll(async () => {
      await engine?.stop();
      await smtp?.close();
    });

    it('yes: the mail reaches the address of record, the person confirms, execute unlocks; the token is nowhere else; reuse is 410', async () => {
      const diego = person('diego.alvarez');
      const opened = await viewOf(await open('diego.alvarez'), 201);
      const before = countFor('diego.alvarez');
      const sent = await viewOf(await step(opened.id, 'verifications/otp'));
      expect(sent.state).toBe('requested');
      expect(sent.missing.join(' ')).toContain('waiting for them to answer');
      expect(sent.verifications).toEqual([expect.objectContaining({ method: 'directory_otp', verifiedAt: null })]);
      const { token, mail } = await linkFor('diego.alvarez', before);
      expect(token).toBeTruthy();
      expect(mail.to).toContain(diego.email);

      const prompt = await publicPost('/api/v1/access-verification/lookup', { token });
      expect(prompt.status, await prompt.clone().text()).toBe(200);
      expect(await prompt.json()).toMatchObject({ actionInWords: 'unlock your account' });

      const yes = await answer(token, 'yes');
      expect(yes.status, await yes.clone().text()).toBe(200);
      expect(await yes.json()).toMatchObject({ outcome: 'verified' });
      const again = await answer(token, 'yes');
      expect(again.status).toBe(410);

      const verified = await viewOf(await call(agent, 'GET', `/api/v1/access-requests/${opened.id}`));
      expect(verified.state).toBe('verified');
      const executed = await viewOf(await step(opened.id, 'execute'));
      expect(['executed', 'notified']).toContain(executed.state);
      expect((await slapd.readAsRoot(diego.dn, ['pwdAccountLockedTime'])).pwdAccountLockedTime ?? []).toEqual([]);
      expect(await slapd.tryBind(diego.dn, diego.password)).toBe(true);

      await call(admin, 'GET', '/api/v1/admin/audit/export');
      const entries = await desk.db.selectFrom('audit_log').selectAll().execute();
      expect(JSON.stringify(entries)).toContain('directory_otp');
      const everything = [
        ...seen, ...logLines, JSON.stringify(entries),
        JSON.stringify(await desk.db.selectFrom('mail_messages').selectAll().execute()),
        JSON.stringify(await desk.db.selectFrom('access_verification_tokens').selectAll().execute()),
        JSON.stringify(await desk.db.selectFrom('access_verifications').selectAll().execute()),
        JSON.stringify(await desk.db.selectFrom('jobs').selectAll().execute()),
      ].join('\n');
      expect(everything).not.toContain(token);
      expect((await verifyAuditChain(desk.db)).ok).toBe(true);
    });

    it('no: the request is refused; expired is 410; a token for one request cannot verify another', async () => {
      const first = await viewOf(await open('lucas.moreau'), 201);
      let before = countFor('lucas.moreau');
      await viewOf(await step(first.id, 'verifications/otp'));
      const { token: noToken } = await linkFor('lucas.moreau', before);
      const no = await answer(noToken, 'no');
      expect(no.status, await no.clone().text()).toBe(200);
      expect(await no.json()).toMatchObject({ outcome: 'refused' });
      const refused = await viewOf(await call(agent, 'GET', `/api/v1/access-requests/${first.id}`));
      expect(refused.state).toBe('refused');
      // Someone asked without the person: Security is told at once, on a security ticket linked to the request.
      expect(refused.securityTicketId).toEqual(expect.any(Number));
      const securityTicket = await desk.db.selectFrom('tickets').innerJoin('groups', 'groups.id', 'tickets.group_id')
        .select(['tickets.description', 'groups.name']).where('tickets.id', '=', refused.securityTicketId!).executeTakeFirstOrThrow();
      expect(securityTicket.name).toBe('Security');
      expect(securityTicket.description).toContain('answered "No, I did not ask for this"');
      expect((await answer(noToken, 'yes')).status).toBe(410);

      // Expired: the link outlives nothing past the policy's freshness.
      const second = await viewOf(await open('lucas.moreau'), 201);
      before = countFor('lucas.moreau');
      await viewOf(await step(second.id, 'verifications/otp'));
      const { token: late } = await linkFor('lucas.moreau', before);
      await desk.db.updateTable('access_verification_tokens').set({ expires_at: Date.now() - 1 }).where('request_id', '=', second.id).execute();
      const expired = await answer(late, 'yes');
      expect(expired.status).toBe(410);
      expect(((await expired.json()) as Problem).detail).toContain('expired');
      expect((await viewOf(await call(agent, 'GET', `/api/v1/access-requests/${second.id}`))).state).toBe('requested');

      // A token rebound (in storage) to another request does not verify it.
      const third = await viewOf(await open('lucas.moreau'), 201);
      before = countFor('lucas.moreau');
      await viewOf(await step(second.id, 'verifications/otp'));
      const { token: other } = await linkFor('lucas.moreau', before);
      await desk.db.updateTable('access_verification_tokens').set({ request_id: third.id }).where('request_id', '=', second.id).where('used_at', 'is', null).execute();
      expect((await answer(other, 'yes')).status).toBe(404);
      expect((await viewOf(await call(agent, 'GET', `/api/v1/access-requests/${third.id}`))).state).toBe('requested');
      expect((await viewOf(await call(agent, 'GET', `/api/v1/access-requests/${second.id}`))).state).toBe('requested');
      // Unknown tokens are 404; a malformed one 400.
      expect((await answer('A'.repeat(43), 'yes')).status).toBe(404);
      expect((await answer('short', 'yes')).status).toBe(400);
    });
  });
});
