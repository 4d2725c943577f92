import type { AuditEntry } from '@deskside/shared';
import { Attribute, Change } from 'ldapts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../src/http/app-context.js';
import { startJobEngine, type JobEngine, type JobKind, type JobRun } from '../src/jobs/index.js';
import { builtinRecurringJobs } from '../src/jobs/builtin-jobs.js';
import {
  expireAccessRequests, expireAccessRequestsJob, sendVerificationLinkJob, settleUnknownOutcomes, settleUnknownOutcomesJob,
} from '../src/modules/access/index.js';
import { listAuditEntries, verifyAuditChain } from '../src/modules/audit/index.js';
import { mailOriginOf, sendMailJob } from '../src/modules/mail/index.js';
import { useAccessDesk } from './support/access-desk.js';
import { describeEachDialect } from './support/dialects.js';
import { waitFor } from './support/jobs.js';
import { startLdapFaultProxy, type LdapFaultProxy } from './support/ldap-fault-proxy.js';
import type { SessionClient } from './support/people.js';
import { describeWithSlapd } from './support/slapd.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

const DOMAIN = 'desk.example.test';
const MINUTE = 60_000;

describeEachDialect('access request jobs: expiry and unknown outcomes', (dialect) => {
  describeWithSlapd('against a real slapd', () => {
    const a = useAccessDesk(dialect, { settled: ['lucas.moreau', 'fatima.zahra', 'amara.okafor', 'diego.alvarez', 'erik.nilsson', 'mei.wong'] });
    const { problemOf, viewOf, step, current } = a;
    let smtp: SmtpSink;
    let engine: JobEngine;
    let agent: SessionClient;

    /** Runs a job kind's handler once, as the engine would, with the desk's clock set to `now`. */
    const runJob = (kind: JobKind, now: number) => {
      const run: JobRun = { id: 0, attempt: 1, runAt: now, dedupeKey: null, signal: new AbortController().signal };
      const ctx: AppContext = { ...a.desk.ctx, now: () => now };
      return kind.handle({}, run, ctx);
    };
    const settleDeps = () => ({ db: a.desk.db, secretKey: a.desk.ctx.config.secretKey, log: a.desk.ctx.log, origin: mailOriginOf(a.desk.ctx.config) });
    const auditOf = async (requestId: string) =>
      (await listAuditEntries(a.desk.db, { limit: 500 })).items.map((r) => r.entry).filter((e): e is AuditEntry => 'requestId' in e && e.requestId === requestId);
    const rowOf = (id: string) => a.desk.db.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const opened = async (uid: string) => viewOf(await a.open(agent, uid), 201);
    const verified = async (uid: string) => {
      const view = await opened(uid);
      expect((await viewOf(await step(agent, view.id, 'verifications/callback'))).state).toBe('verified');
      return view;
    };
    const isLocked = async (uid: string) => ((await a.slapd.readAsRoot(a.person(uid).dn, ['pwdAccountLockedTime'])).pwdAccountLockedTime ?? []).length > 0;
    /** Points the desk's directory connection at another address (a fault proxy, or nothing at all). */
    const pointDirectoryAt = async (url: string) => {
      const row = await a.desk.db.selectFrom('directory_connections').select(['id', 'config']).executeTakeFirstOrThrow();
      await a.desk.db.updateTable('directory_connections').set({ config: JSON.stringify({ ...JSON.parse(row.config), url }) }).where('id', '=', row.id).execute();
    };
    /**
     * An unlock left in unknown_outcome the way a real outage leaves one: the directory stops
     * answering, execute commits unknown_outcome, the write fails and so does the read-back.
     */
    const stuckUnlock = async (uid: string) => {
      await a.lock(uid);
      const view = await verified(uid);
      const gone = await startLdapFaultProxy(a.slapd.port);
      await gone.close();
      await pointDirectoryAt(gone.url);
      try {
        expect((await viewOf(await step(agent, view.id, 'execute'))).state).toBe('unknown_outcome');
      } finally {
        await pointDirectoryAt(a.slapd.url);
      }
      return view;
    };
    /** A proxy that counts the writes reaching slapd, with the connection pointed at it while `work` runs. */
    const countingWrites = async (work: (proxy: LdapFaultProxy) => Promise<void>) => {
      const proxy = await startLdapFaultProxy(a.slapd.port);
      await pointDirectoryAt(proxy.url);
      try {
        await work(proxy);
      } finally {
        await pointDirectoryAt(a.slapd.url);
        await proxy.close();
      }
    };

    beforeAll(async () => {
      smtp = await startSmtpSink();
      a.desk.ctx.config.mail = { smtpUrl: smtp.url, from: `IT Support <support@${DOMAIN}>`, domain: DOMAIN };
      engine = startJobEngine(a.desk.ctx, { kinds: [sendMailJob, sendVerificationLinkJob], pollMs: 50, backoffMs: 50 });
      agent = await a.agentWithMfa();
    });
    afterAll(async () => {
      await engine?.stop();
      await smtp?.close();
    });

    it('the expiry job expires a due open request with an audit entry; its link, verification and execution are refused after; a later one is untouched', async () => {
      const due = await opened('lucas.moreau');
      expect((await viewOf(await step(agent, due.id, 'verifications/otp'))).state).toBe('requested');
      const mail = await waitFor('the confirmation mail', async () =>
        smtp.received.find((r) => r.to.includes(a.person('lucas.moreau').email) && r.mail.subject === 'Did you ask the IT desk for this?'));
      const token = /\/verify#([A-Za-z0-9_-]{43})/.exec(mail.mail.text ?? '')![1]!;
      const later = await opened('fatima.zahra');
      const dueAt = Date.parse(due.expiresAt);
      expect(Date.parse(later.expiresAt)).toBeGreaterThan(dueAt);

      // A minute before the end of its lifetime nothing moves; at its end the job expires it.
      expect(await expireAccessRequests(a.desk.db, dueAt - MINUTE)).toEqual({ expired: 0, skipped: 0 });
      expect((await rowOf(due.id)).state).toBe('requested');
      await runJob(expireAccessRequestsJob, dueAt);
      const row = await rowOf(due.id);
      expect(row).toMatchObject({ state: 'expired', outcome_detail: 'The request expired before it was executed' });
      const expired = (await auditOf(due.id)).filter((e) => e.outcome === 'expired');
      expect(expired).toHaveLength(1);
      expect(expired[0]).toMatchObject({ before: { state: 'requested' }, after: { state: 'expired', by: 'desk:access-request-expiry', reason: 'expired' }, sourceIp: null });
      expect((await verifyAuditChain(a.desk.db)).ok).toBe(true);

      // The link is within its own ten minutes, but the request it answers is over.
      const publicPost = (path: string, body: unknown) =>
        fetch(`${a.desk.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await publicPost('/api/v1/access-verification/lookup', { token })).status).toBe(410);
      expect((await publicPost('/api/v1/access-verification', { token, answer: 'yes' })).status).toBe(410);
      await problemOf(await step(agent, due.id, 'verifications/callback'), 409);
      await problemOf(await step(agent, due.id, 'execute'), 409);
      expect((await current(agent, due.id)).state).toBe('expired');
      expect((await rowOf(due.id)).version).toBe(row.version);

      expect((await rowOf(later.id))).toMatchObject({ state: 'requested', version: 1 });
      expect((await viewOf(await step(agent, later.id, 'verifications/callback'))).state).toBe('verified');
    });

    it('every worker runs both jobs each minute', () => {
      const recurring = builtinRecurringJobs(a.desk.ctx).filter((j) => j.kind === expireAccessRequestsJob || j.kind === settleUnknownOutcomesJob);
      expect(recurring.map((j) => [j.kind.name, j.cadence])).toEqual([
        ['access.requests.expire', { everyMs: MINUTE }], ['access.unknown-outcomes.settle', { everyMs: MINUTE }],
      ]);
    });

    it('two concurrent runs expire a request once', async () => {
      const racer = await opened('amara.okafor');
      const dueAt = Date.parse(racer.expiresAt);
      await Promise.all([expireAccessRequests(a.desk.db, dueAt), expireAccessRequests(a.desk.db, dueAt), runJob(expireAccessRequestsJob, dueAt)]);
      expect((await rowOf(racer.id)).state).toBe('expired');
      expect((await auditOf(racer.id)).filter((e) => e.outcome === 'expired')).toHaveLength(1);
      expect((await verifyAuditChain(a.desk.db)).ok).toBe(true);
    });

    it('a stuck unlock whose write did apply is read back and settled to executed, with the notices queued; nothing is written', async () => {
      const stuck = await stuckUnlock('diego.alvarez');
      // The lost write had in fact reached the directory.
      await a.slapd.modifyAsRoot(a.person('diego.alvarez').dn, [new Change({ operation: 'delete', modification: new Attribute({ type: 'pwdAccountLockedTime' }) })]);
      const stuckAt = (await rowOf(stuck.id)).updated_at;

      await countingWrites(async (proxy) => {
        // Younger than two minutes: a write may still be in flight, so the job leaves it.
        expect(await settleUnknownOutcomes(settleDeps(), stuckAt + MINUTE)).toMatchObject({ applied: 0, notApplied: 0 });
        expect((await rowOf(stuck.id)).state).toBe('unknown_outcome');
        await runJob(settleUnknownOutcomesJob, stuckAt + 3 * MINUTE);
        expect(proxy.writesForwarded()).toBe(0);
      });
      const row = await rowOf(stuck.id);
      expect(row.state).toBe('notified');
      expect(row.executed_at).toBe(stuckAt + 3 * MINUTE);
      const entries = await auditOf(stuck.id);
      expect(entries.find((e) => e.outcome === 'executed')).toMatchObject({
        before: { state: 'unknown_outcome' }, after: { outcome: 'confirm_applied', source: 'read_back', lockedAfter: false, by: 'desk:unknown-outcome-settlement' },
      });
      expect(entries.find((e) => e.outcome === 'notified')?.after).toMatchObject({ by: 'desk:unknown-outcome-settlement' });
      const notices = await a.desk.db.selectFrom('mail_messages').select('to_address').where('kind', '=', 'access_notice')
        .where('source_key', 'like', `access:${stuck.id}:%`).execute();
      expect(notices.map((n) => n.to_address).sort()).toEqual([`"Diego Alvarez" <${a.person('diego.alvarez').email}>`, `"Hana Sato" <${a.person('hana.sato').email}>`]);
      await problemOf(await step(agent, stuck.id, 'execute'), 409);
      expect((await verifyAuditChain(a.desk.db)).ok).toBe(true);
    });

    it('a stuck unlock whose write did not apply goes back to verified without a write, and an agent can execute it again', async () => {
      const stuck = await stuckUnlock('erik.nilsson');
      const stuckAt = (await rowOf(stuck.id)).updated_at;
      await countingWrites(async (proxy) => {
        expect(await settleUnknownOutcomes(settleDeps(), stuckAt + 3 * MINUTE)).toMatchObject({ applied: 0, notApplied: 1 });
        expect(proxy.writesForwarded()).toBe(0);
      });
      expect(await isLocked('erik.nilsson')).toBe(true);
      expect(await rowOf(stuck.id)).toMatchObject({ state: 'verified', outcome_detail: 'Read back after the write: the change is not in place', executed_at: null });
      expect((await auditOf(stuck.id))[0]).toMatchObject({
        outcome: 'verified', after: { outcome: 'confirm_not_applied', source: 'read_back', by: 'desk:unknown-outcome-settlement' },
      });
      // A second run finds nothing to do.
      expect(await settleUnknownOutcomes(settleDeps(), stuckAt + 4 * MINUTE)).toEqual({ applied: 0, notApplied: 0, unreadable: 0, skipped: 0 });

      await countingWrites(async (proxy) => {
        expect((await viewOf(await step(agent, stuck.id, 'execute'))).state).toBe('notified');
        expect(proxy.writesForwarded()).toBe(1);
      });
      expect(await isLocked('erik.nilsson')).toBe(false);
    });

    it('a stuck request is left alone while the directory cannot be read, and when its write was manual', async () => {
      const stuck = await stuckUnlock('mei.wong');
      const stuckAt = (await rowOf(stuck.id)).updated_at;
      const gone = await startLdapFaultProxy(a.slapd.port);
      await gone.close();
      await pointDirectoryAt(gone.url);
      try {
        expect(await settleUnknownOutcomes(settleDeps(), stuckAt + 3 * MINUTE)).toMatchObject({ unreadable: 1, applied: 0, notApplied: 0 });
      } finally {
        await pointDirectoryAt(a.slapd.url);
      }
      expect((await rowOf(stuck.id)).state).toBe('unknown_outcome');

      // A manual write (decision 0043) is settled by the agent's record of it, never by a read-back.
      await a.desk.db.updateTable('access_requests').set({ manual_steps: JSON.stringify(['Unlock the account in the directory console']) }).where('id', '=', stuck.id).execute();
      expect(await settleUnknownOutcomes(settleDeps(), stuckAt + 3 * MINUTE)).toEqual({ applied: 0, notApplied: 0, unreadable: 0, skipped: 0 });
      expect((await rowOf(stuck.id)).state).toBe('unknown_outcome');
    });
  });
});
