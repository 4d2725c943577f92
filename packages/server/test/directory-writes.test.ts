import { Attribute, Change, Client, InsufficientAccessError } from 'ldapts';
import { expect, it } from 'vitest';
import { DirectoryRejectedError } from '../src/modules/directory/index.js';
import { connectTo } from './support/directory.js';
import { PERMANENT_LOCK, SERVICE_DN } from './support/slapd-directory.js';
import { describeWithSlapd, useSlapd } from './support/slapd.js';

describeWithSlapd('directory connector: writes on OpenLDAP with ppolicy', () => {
  const slapd = useSlapd();

  it('sees a real lockout after three bad binds, and unlocks it without touching the password', async () => {
    const { connector } = connectTo(slapd);
    const tom = slapd.fixture.people['tom.becker']!;
    for (let i = 0; i < 3; i += 1) expect(await slapd.tryBind(tom.dn, 'not-his-password')).toBe(false);
    expect(await connector.isLocked(tom.id)).toBe(true);
    expect((await connector.getPerson(tom.id)).locked).toBe(true);
    // Locked: even the right password is refused.
    expect(await slapd.tryBind(tom.dn, tom.password)).toBe(false);
    const before = await slapd.readAsRoot(tom.dn, ['userPassword']);

    expect(await connector.unlockAccount(tom.id)).toEqual({ outcome: 'applied', reconciled: false });
    expect(await connector.isLocked(tom.id)).toBe(false);
    expect((await slapd.readAsRoot(tom.dn, ['userPassword'])).userPassword).toEqual(before.userPassword);
    expect(await slapd.tryBind(tom.dn, tom.password)).toBe(true);
    // Unlocking an unlocked account is success with nothing to do.
    expect(await connector.unlockAccount(tom.id)).toEqual({ outcome: 'unchanged' });
  });

  it('refuses to unlock a disabled account, which stays disabled', async () => {
    const { connector } = connectTo(slapd);
    const noah = slapd.fixture.people['noah.kim']!;
    await expect(connector.unlockAccount(noah.id)).rejects.toBeInstanceOf(DirectoryRejectedError);
    expect((await slapd.readAsRoot(noah.dn, ['pwdAccountLockedTime'])).pwdAccountLockedTime).toBe(PERMANENT_LOCK);
    expect(await slapd.tryBind(noah.dn, noah.password)).toBe(false);
  });

  it('sets a password that must be changed at next login, as ppolicy reports at bind', async () => {
    const { connector } = connectTo(slapd);
    const amara = slapd.fixture.people['amara.okafor']!;
    const newPassword = `Temp-${Math.random().toString(36).slice(2)}-9`;
    expect(await connector.setPassword(amara.id, newPassword, { mustChangeAtNextLogin: true })).toEqual({
      outcome: 'applied',
      reconciled: false,
    });
    expect(await slapd.tryBind(amara.dn, amara.password)).toBe(false);
    expect(await slapd.tryBind(amara.dn, newPassword)).toBe(true);
    const stored = await slapd.readAsRoot(amara.dn, ['userPassword', 'pwdReset', 'pwdChangedTime']);
    expect(stored.pwdReset).toBe('TRUE');
    // Hashed by slapd: the Password Modify operation never stores clear text.
    expect(String(stored.userPassword)).toMatch(/^\{SSHA\}/);
    expect(await slapd.whoamiWithPolicy(amara.dn, newPassword)).toContain('Password must be changed');
    expect(await connector.readPasswordState(amara.id)).toEqual({ changedAt: expect.any(Number), mustChange: true });

    // And without the flag, a reset clears a pending must-change.
    const second = `Temp-${Math.random().toString(36).slice(2)}-8`;
    await connector.setPassword(amara.id, second, { mustChangeAtNextLogin: false });
    expect((await slapd.readAsRoot(amara.dn, ['pwdReset'])).pwdReset).toEqual([]);
    expect(await slapd.whoamiWithPolicy(amara.dn, second)).not.toContain('must be changed');
  });

  it('adds and removes group members idempotently, by immutable id', async () => {
    const { connector } = connectTo(slapd);
    const group = slapd.fixture.groups['Finance Mailbox']!;
    const lucas = slapd.fixture.people['lucas.moreau']!;
    expect(await connector.isMember(group.id, lucas.id)).toBe(false);
    expect(await connector.addGroupMember(group.id, lucas.id)).toEqual({ outcome: 'applied', reconciled: false });
    expect(await connector.addGroupMember(group.id, lucas.id)).toEqual({ outcome: 'unchanged' });
    expect(await connector.isMember(group.id, lucas.id)).toBe(true);
    expect((await connector.getPerson(lucas.id)).groups.find((g) => g.immutableId === group.id)?.direct).toBe(true);
    expect(await connector.removeGroupMember(group.id, lucas.id)).toEqual({ outcome: 'applied', reconciled: false });
    expect(await connector.removeGroupMember(group.id, lucas.id)).toEqual({ outcome: 'unchanged' });
    expect(await connector.isMember(group.id, lucas.id)).toBe(false);
  });

  it('adding to a privileged group makes the person privileged through nesting', async () => {
    const { connector } = connectTo(slapd);
    const jonas = slapd.fixture.people['jonas.weber']!;
    expect((await connector.getPerson(jonas.id)).privileged).toBe(false);
    await connector.addGroupMember(slapd.fixture.groups['Domain Admins']!.id, jonas.id);
    expect((await connector.getPerson(jonas.id)).privileged).toBe(true);
    await connector.removeGroupMember(slapd.fixture.groups['Domain Admins']!.id, jonas.id);
    expect((await connector.getPerson(jonas.id)).privileged).toBe(false);
  });

  it('reports a refusal as rejected: the last member of a groupOfNames cannot be removed', async () => {
    const { connector } = connectTo(slapd);
    const group = slapd.fixture.groups['Sales Drive']!;
    const hana = slapd.fixture.people['hana.sato']!;
    await expect(connector.removeGroupMember(group.id, hana.id)).rejects.toBeInstanceOf(DirectoryRejectedError);
    expect(await connector.isMember(group.id, hana.id)).toBe(true);
  });

  it('runs as a delegated account that cannot change what it does not need to', async () => {
    const olivia = slapd.fixture.people['olivia.chen']!;
    const client = new Client({ url: slapd.url });
    try {
      await client.bind(SERVICE_DN, slapd.fixture.servicePassword);
      const attempts: [string, string][] = [
        ['telephoneNumber', '+44 7700 900999'],
        ['mail', 'someone-else@meridian.test'],
        ['manager', slapd.fixture.people['jonas.weber']!.dn],
      ];
      for (const [type, value] of attempts) {
        const change = new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) });
        await expect(client.modify(olivia.dn, change)).rejects.toBeInstanceOf(InsufficientAccessError);
      }
      // It may set passwords but never read them back.
      const { searchEntries } = await client.search(olivia.dn, { scope: 'base', attributes: ['userPassword', 'mail'] });
      expect(searchEntries[0]).toMatchObject({ mail: olivia.email });
      expect(searchEntries[0]?.userPassword ?? []).toEqual([]);
    } finally {
      await client.unbind();
    }
  });
});
