import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createLdapConnector,
  DirectoryAuthError,
  DirectoryConnectionError,
  DirectoryError,
  DirectoryOutcomeUnknownError,
} from '../src/modules/directory/index.js';
import { connectTo } from './support/directory.js';
import { type LdapFaultProxy, startLdapFaultProxy } from './support/ldap-fault-proxy.js';
import { describeWithSlapd, useSlapd } from './support/slapd.js';

describeWithSlapd('directory connector: lost replies are read back, never written twice', () => {
  const slapd = useSlapd();
  let proxy: LdapFaultProxy;
  beforeAll(async () => {
    proxy = await startLdapFaultProxy(slapd.port);
  });
  afterAll(async () => {
    await proxy?.close();
  });
  const viaProxy = (operationMs = 5000) => connectTo(slapd, { url: proxy.url, timeouts: { connectMs: 2000, operationMs } });

  it('a membership whose reply is lost after slapd applied it is reported applied, after one write', async () => {
    const { connector } = viaProxy();
    const group = slapd.fixture.groups['Finance Mailbox']!;
    const amara = slapd.fixture.people['amara.okafor']!;
    const writesBefore = proxy.writesForwarded();
    proxy.arm('drop-reply');
    expect(await connector.addGroupMember(group.id, amara.id)).toEqual({ outcome: 'applied', reconciled: true });
    expect(proxy.writesForwarded() - writesBefore).toBe(1);
    expect(await connector.isMember(group.id, amara.id)).toBe(true);
  });

  it('a write lost before it reached slapd stays unknown, with the read-back saying it is not there', async () => {
    const { connector } = viaProxy();
    const group = slapd.fixture.groups['Finance Mailbox']!;
    const diego = slapd.fixture.people['diego.alvarez']!;
    const writesBefore = proxy.writesForwarded();
    proxy.arm('drop-request');
    const error = await connector.addGroupMember(group.id, diego.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectoryOutcomeUnknownError);
    expect((error as DirectoryOutcomeUnknownError).readBack).toBe('not_observed');
    expect(proxy.writesForwarded() - writesBefore).toBe(0);
    expect(await connector.isMember(group.id, diego.id)).toBe(false);
  });

  it('an unlock whose reply never comes (timeout) is reconciled by reading the lock state', async () => {
    const { connector } = viaProxy(800);
    const sara = slapd.fixture.people['sara.lind']!;
    for (let i = 0; i < 3; i += 1) await slapd.tryBind(sara.dn, 'wrong');
    expect(await connector.isLocked(sara.id)).toBe(true);
    const writesBefore = proxy.writesForwarded();
    proxy.arm('stall-reply');
    expect(await connector.unlockAccount(sara.id)).toEqual({ outcome: 'applied', reconciled: true });
    expect(proxy.writesForwarded() - writesBefore).toBe(1);
    expect(await slapd.tryBind(sara.dn, sara.password)).toBe(true);
  });

  it('a password reset whose reply is lost is reconciled from pwdChangedTime and finishes the must-change flag', async () => {
    const { connector } = viaProxy();
    const fatima = slapd.fixture.people['fatima.zahra']!;
    const newPassword = `Temp-${Math.random().toString(36).slice(2)}-7`;
    proxy.arm('drop-reply');
    expect(await connector.setPassword(fatima.id, newPassword, { mustChangeAtNextLogin: true })).toEqual({
      outcome: 'applied',
      reconciled: true,
    });
    expect(await slapd.tryBind(fatima.dn, newPassword)).toBe(true);
    expect((await slapd.readAsRoot(fatima.dn, ['pwdReset'])).pwdReset).toBe('TRUE');
  });

  it('never lets the service account password or a new password into an error or a log line', async () => {
    const secret = slapd.fixture.servicePassword;
    const newPassword = `Temp-${Math.random().toString(36).slice(2)}-6`;
    const { connector, logLines } = viaProxy();
    const errors: unknown[] = [];
    const attempt = async (work: Promise<unknown>) => {
      await work.catch((error: unknown) => errors.push(error));
    };
    const marcus = slapd.fixture.people['marcus.reed']!;

    proxy.arm('drop-request');
    await attempt(connector.setPassword(marcus.id, newPassword, { mustChangeAtNextLogin: true }));
    proxy.arm('drop-reply');
    await attempt(connector.setPassword(marcus.id, newPassword, { mustChangeAtNextLogin: true }));
    await attempt(connector.removeGroupMember(slapd.fixture.groups['Sales Drive']!.id, slapd.fixture.people['hana.sato']!.id));
    await attempt(connector.unlockAccount(slapd.fixture.people['noah.kim']!.id));

    // A wrong password that contains the real one, and a server that is not there.
    const wrong = connectTo(slapd, { bindPassword: `${secret}-old` });
    await attempt(wrong.connector.getPerson(marcus.id));
    const nowhere = createLdapConnector({ ...wrong.config, bindPassword: secret, url: 'ldap://127.0.0.1:1' });
    await attempt(nowhere.getPerson(marcus.id));

    expect(errors.length).toBeGreaterThanOrEqual(4);
    expect(errors.some((e) => e instanceof DirectoryAuthError)).toBe(true);
    expect(errors.some((e) => e instanceof DirectoryConnectionError)).toBe(true);
    const texts = [
      ...errors.map((e) => (e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e))),
      ...errors.map((e) => JSON.stringify(e)),
      ...logLines,
      ...wrong.logLines,
    ];
    expect(errors.every((e) => e instanceof DirectoryError)).toBe(true);
    for (const text of texts) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(newPassword);
    }
    expect(logLines.some((line) => line.includes('directory modify'))).toBe(true);
    expect(slapd.log()).not.toContain(secret);
    expect(slapd.log()).not.toContain(newPassword);
  });
});
