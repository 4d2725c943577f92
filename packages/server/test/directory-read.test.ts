import { Attribute, Change } from 'ldapts';
import { expect, it } from 'vitest';
import { DirectoryAmbiguousError, DirectoryNotFoundError, trackContactChanges } from '../src/modules/directory/index.js';
import { allPeople, connectTo } from './support/directory.js';
import { PEOPLE_BASE } from './support/slapd-directory.js';
import { describeWithSlapd, useSlapd } from './support/slapd.js';

describeWithSlapd('directory connector: reading people from OpenLDAP', () => {
  const slapd = useSlapd();

  it('lists every person page by page, with managers resolved to immutable ids across pages', async () => {
    const { connector } = connectTo(slapd);
    const { pages, people } = await allPeople(connector, 4);
    const fixture = slapd.fixture.people;
    expect(people).toHaveLength(Object.keys(fixture).length);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const person of people) {
      const seed = Object.values(fixture).find((p) => p.id === person.immutableId)!;
      expect(person).toMatchObject({ name: seed.name, email: seed.email, phoneOfRecord: seed.phone, dn: seed.dn });
      expect(person.managerId).toBe(seed.managerUid ? fixture[seed.managerUid]!.id : null);
      expect(person.entryModifiedAt).toEqual(expect.any(Number));
    }
  });

  it('resolves nested groups and marks a nested admin privileged', async () => {
    const { connector } = connectTo(slapd);
    const { groups, people } = slapd.fixture;
    const tom = await connector.getPerson(people['tom.becker']!.id);
    const byName = new Map(tom.groups.map((g) => [g.name, g]));
    expect([...byName.keys()].sort()).toEqual(['Domain Admins', 'IT', 'Privileged', 'Staff', 'VPN Users']);
    expect(byName.get('Domain Admins')).toEqual({ immutableId: groups['Domain Admins']!.id, name: 'Domain Admins', direct: true });
    expect(byName.get('Privileged')).toMatchObject({ immutableId: groups['Privileged']!.id, direct: false });
    expect(byName.get('VPN Users')?.direct).toBe(false);
    expect(tom.privileged).toBe(true);

    const priya = await connector.getPerson(people['priya.nair']!.id);
    expect(priya.privileged).toBe(true);
    const amara = await connector.getPerson(people['amara.okafor']!.id);
    expect(amara.privileged).toBe(false);
    expect(amara.groups.map((g) => g.name).sort()).toEqual(['Finance', 'Staff', 'VPN Users']);
  });

  it('ends a group cycle and still reports both groups once', async () => {
    const { connector } = connectTo(slapd);
    const mei = await connector.getPerson(slapd.fixture.people['mei.wong']!.id);
    const loops = mei.groups.filter((g) => g.name.startsWith('Loop')).map((g) => `${g.name}:${g.direct}`);
    expect(loops.sort()).toEqual(['Loop A:true', 'Loop B:false']);
  });

  it('reads disabled and locked state: a permanent ppolicy lock is "disabled", not "locked"', async () => {
    const { connector } = connectTo(slapd);
    const noah = await connector.getPerson(slapd.fixture.people['noah.kim']!.id);
    expect(noah).toMatchObject({ disabled: true, locked: false });
    const mei = await connector.getPerson(slapd.fixture.people['mei.wong']!.id);
    expect(mei).toMatchObject({ disabled: false, locked: false });
  });

  it('finds a person by immutable id after a rename: a name is never the address', async () => {
    const { connector } = connectTo(slapd);
    const ruth = slapd.fixture.people['ruth.adler']!;
    const { Client } = await import('ldapts');
    const root = new Client({ url: slapd.url });
    await root.bind(`cn=admin,dc=meridian,dc=test`, slapd.fixture.rootPassword);
    await root.modifyDN(ruth.dn, `uid=ruth.adler-meyer,${PEOPLE_BASE}`);
    await root.unbind();
    const renamed = await connector.getPerson(ruth.id);
    expect(renamed.dn).toBe(`uid=ruth.adler-meyer,${PEOPLE_BASE}`);
    expect(renamed.name).toBe('Ruth Adler');
  });

  it('answers not found for an unknown or malformed id, and ambiguous for a non-unique id attribute', async () => {
    const { connector } = connectTo(slapd);
    await expect(connector.getPerson('6f1c2b1e-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(DirectoryNotFoundError);
    await expect(connector.getPerson('*)(uid=*')).rejects.toBeInstanceOf(DirectoryNotFoundError);
    const byTitle = connectTo(slapd, { attributes: { immutableId: 'title' } }).connector;
    await expect(byTitle.getPerson('Accountant')).rejects.toBeInstanceOf(DirectoryAmbiguousError);
    await expect(byTitle.getPerson('Chief Executive')).resolves.toMatchObject({ name: 'Olivia Chen' });
  });

  it('records when the phone of record changed, from the desk\'s own sync-to-sync comparison', async () => {
    const { connector } = connectTo(slapd);
    const lucas = slapd.fixture.people['lucas.moreau']!;
    const first = await connector.getPerson(lucas.id);
    const before = trackContactChanges(null, first, Date.now());
    // First sight: the entry's modifyTimestamp bounds when any of its attributes changed.
    expect(before.phoneOfRecord.changedAt).toBe(first.entryModifiedAt);

    // A reformatted number is the same number.
    await slapd.modifyAsRoot(lucas.dn, [
      new Change({ operation: 'replace', modification: new Attribute({ type: 'telephoneNumber', values: ['+442079460108'] }) }),
    ]);
    const reformatted = trackContactChanges(before, await connector.getPerson(lucas.id), Date.now());
    expect(reformatted.phoneOfRecord.changedAt).toBe(before.phoneOfRecord.changedAt);

    // modifyTimestamp has one-second resolution: change the number a clear second after that sync.
    await new Promise((r) => setTimeout(r, 1100));
    await slapd.modifyAsRoot(lucas.dn, [
      new Change({ operation: 'replace', modification: new Attribute({ type: 'telephoneNumber', values: ['+44 7700 900123'] }) }),
    ]);
    const changed = await connector.getPerson(lucas.id);
    const after = trackContactChanges(reformatted, changed, Date.now());
    expect(after.phoneOfRecord).toMatchObject({ value: '+44 7700 900123', previousValue: '+442079460108' });
    // The change is dated by the entry's modifyTimestamp (after the last sync), not by the sync.
    expect(after.phoneOfRecord.changedAt).toBe(changed.entryModifiedAt);
    expect(after.email.changedAt).toBe(before.email.changedAt);
  });
});
