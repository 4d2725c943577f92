import type { AuditAdminChange } from '@deskside/shared';
import { beforeAll, expect, it } from 'vitest';
import { DomainError } from '../src/errors.js';
import { appendAdminChange, listAuditEntries, verifyAuditChain } from '../src/modules/audit/index.js';
import { describeEachDialect } from './support/dialects.js';
import { signedIn, type SessionClient, type TestPerson } from './support/people.js';
import { useTestDesk } from './support/test-desk.js';
import { expectProblem } from './support/tickets.js';
import { Authenticator } from './support/totp.js';

describeEachDialect('two-factor sign-in changes of desk accounts in the audit chain', (dialect) => {
  const desk = useTestDesk(dialect);
  let admin: { person: TestPerson; api: SessionClient };

  /** The account_mfa entries about one person, oldest first. */
  const mfaEntriesOf = async (personId: number): Promise<AuditAdminChange[]> =>
    (await listAuditEntries(desk.db, { limit: 200 })).items
      .flatMap(({ entry }) => ('kind' in entry && entry.subject === 'account_mfa' && entry.person?.userId === personId ? [entry] : []))
      .reverse();
  const chainLength = async () => {
    const result = await verifyAuditChain(desk.db);
    expect(result.ok).toBe(true);
    return (result as { count: number }).count;
  };
  /** Everything the chain holds, as stored: what a SIEM export would carry. */
  const storedChain = async () => (await desk.db.selectFrom('audit_log').select('entry').execute()).map((r) => r.entry).join('\n');
  const enrol = async (api: SessionClient) => {
    const { secret } = await api.startTotpEnrolment();
    const app = new Authenticator(secret);
    const code = await app.fresh();
    const { recoveryCodes } = await api.confirmTotpEnrolment(code);
    return { secret, app, code, recoveryCodes };
  };

  beforeAll(async () => {
    admin = await signedIn(desk, { role: 'admin', name: 'Admin Ada' });
    await enrol(admin.api);
  });

  it('an agent turning it on and off is chained with who, whose account, when and from where; never a secret or a code', async () => {
    const agent = await signedIn(desk, { role: 'agent', name: 'Agent Bo', groupNames: ['Service Desk'] });
    const before = Date.now();
    const { secret, app, code, recoveryCodes } = await enrol(agent.api);
    const offCode = await app.fresh();
    await agent.api.turnOffTotp(offCode);

    const entries = await mfaEntriesOf(agent.person.id);
    const self = { userId: agent.person.id, directoryId: null, name: 'Agent Bo' };
    expect(entries).toMatchObject([
      { kind: 'admin_change', subject: 'account_mfa', person: self, actor: self, sourceIp: '127.0.0.1', changes: [{ field: 'twoFactorSignIn', before: 'off', after: 'on (authenticator app)' }] },
      { kind: 'admin_change', subject: 'account_mfa', person: self, actor: self, sourceIp: '127.0.0.1', changes: [{ field: 'twoFactorSignIn', before: 'on', after: 'off' }, { field: 'sessionsPassedTwoFactor' }] },
    ]);
    expect(entries[0]!.note).toContain('agent account');
    for (const entry of entries) {
      expect(Date.parse(entry.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(entry).not.toHaveProperty('version');
    }
    const chain = await storedChain();
    for (const secretText of [secret, code, offCode, ...recoveryCodes]) expect(chain).not.toContain(secretText);
  });

  it("an admin's reset of another person's two-factor sign-in is chained in the same transaction as the reset", async () => {
    const agent = await signedIn(desk, { role: 'agent', name: 'Agent Cy', groupNames: ['Service Desk'] });
    const { secret, recoveryCodes } = await enrol(agent.api);
    const length = await chainLength();

    await admin.api.resetPersonMfa(agent.person.id);
    const [, reset] = await mfaEntriesOf(agent.person.id);
    expect(reset).toMatchObject({
      subject: 'account_mfa',
      actor: { userId: admin.person.id, name: 'Admin Ada' },
      person: { userId: agent.person.id, name: 'Agent Cy' },
      sourceIp: '127.0.0.1',
      changes: [{ field: 'twoFactorSignIn', before: 'on', after: 'off' }, { field: 'sessions', after: 'all ended' }],
    });
    expect(reset!.note).toContain('An admin removed');
    expect(await chainLength()).toBe(length + 1);
    await expectProblem(agent.api.me(), 401);

    // A refused reset (nothing to reset) changes nothing, and chains nothing either.
    await expectProblem(admin.api.resetPersonMfa(agent.person.id), 409);
    await expectProblem(admin.api.resetPersonMfa(admin.person.id), 409);
    expect(await chainLength()).toBe(length + 1);
    const chain = await storedChain();
    for (const secretText of [secret, ...recoveryCodes]) expect(chain).not.toContain(secretText);
  });

  it('resetting an unfinished set-up says so; the person event is still written beside the entry', async () => {
    const agent = await signedIn(desk, { role: 'lead', name: 'Lead Di', groupNames: ['Service Desk'] });
    await agent.api.startTotpEnrolment();
    await admin.api.resetPersonMfa(agent.person.id);
    const entries = await mfaEntriesOf(agent.person.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ changes: [{ field: 'twoFactorSignIn', before: 'being set up', after: 'off' }, { field: 'sessions' }] });
    expect(entries[0]!.note).toContain('lead account');
    const events = await desk.db.selectFrom('person_events').select('type').where('person_id', '=', agent.person.id).execute();
    expect(events.map((e) => e.type)).toContain('mfa_reset');
  });

  it('the chain refuses an account_mfa entry that names no account, or carries something that looks like a code', async () => {
    const base = {
      subject: 'account_mfa' as const,
      person: { userId: admin.person.id, directoryId: null, name: 'Admin Ada' },
      actor: { userId: admin.person.id, directoryId: null, name: 'Admin Ada' },
      note: 'The person turned on two-factor sign-in',
      changes: [{ field: 'twoFactorSignIn', before: 'off', after: 'on' }],
      sourceIp: null,
      occurredAt: Date.now(),
    };
    const refusal = (input: Parameters<typeof appendAdminChange>[1]) =>
      desk.db.transaction().execute((tx) => appendAdminChange(tx, input)).then(() => null, (error: unknown) => error);
    const length = await chainLength();

    const noPerson = await refusal({ ...base, person: undefined });
    expect(noPerson).toBeInstanceOf(DomainError);
    expect((noPerson as DomainError).message).toContain('entry.person');
    const versioned = await refusal({ ...base, version: 3 });
    expect((versioned as DomainError).message).toContain('entry.version');
    const typed = await refusal({ ...base, note: 'Turned on with code: 123456' });
    expect((typed as DomainError).status).toBe(422);
    const keyed = await refusal({ ...base, changes: [{ field: 'twoFactorSignIn', before: 'off', after: { totpSecret: 'JBSWY3DPEHPK3PXP' } }] });
    expect((keyed as DomainError).message).toContain('totpSecret');
    expect(await chainLength()).toBe(length);
  });
});
