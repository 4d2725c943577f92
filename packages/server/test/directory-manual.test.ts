import { describe, expect, it } from 'vitest';
import { createManualConnector, type DirectoryPerson, DirectoryNotFoundError } from '../src/modules/directory/index.js';

function person(overrides: Partial<DirectoryPerson>): DirectoryPerson {
  return {
    immutableId: 'p-1',
    dn: null,
    name: 'Dana Whitfield',
    email: 'dana@example.test',
    phoneOfRecord: '+1 555 0100',
    managerId: null,
    groups: [],
    disabled: false,
    locked: false,
    privileged: false,
    entryModifiedAt: null,
    contactChangedAt: { email: null, phoneOfRecord: null },
    ...overrides,
  };
}

describe('manual directory connector', () => {
  const dana = person({ locked: true, groups: [{ immutableId: 'g-fin', name: 'Finance', direct: true }] });
  const sam = person({ immutableId: 'p-2', name: 'Sam Ortiz', email: null });
  const connector = createManualConnector({
    consoleName: 'the Workspace admin console',
    people: {
      listPeople: async () => [dana, sam],
      getPerson: async (id) => [dana, sam].find((p) => p.immutableId === id) ?? null,
      groupName: async (id) => (id === 'g-vpn' ? 'VPN Users' : null),
    },
  });

  it('reads what the desk already knows', async () => {
    const pages = [];
    for await (const page of connector.listPeople({ pageSize: 1 })) pages.push(page);
    expect(pages).toEqual([[dana], [sam]]);
    expect(await connector.getPerson('p-2')).toBe(sam);
    await expect(connector.getPerson('p-9')).rejects.toBeInstanceOf(DirectoryNotFoundError);
    expect(await connector.isLocked('p-1')).toBe(true);
    expect(await connector.isMember('g-fin', 'p-1')).toBe(true);
    expect(await connector.readPasswordState('p-1')).toEqual({ changedAt: null, mustChange: null });
  });

  it('answers every write with console steps, addressed by id, for the agent to perform and record', async () => {
    const unlock = await connector.unlockAccount('p-1');
    expect(unlock.outcome).toBe('manual');
    const steps = unlock.outcome === 'manual' ? unlock.instructions.join('\n') : '';
    expect(steps).toContain('the Workspace admin console');
    expect(steps).toContain('id p-1');
    expect(steps).toMatch(/Do not change or reset the password/);
    expect(steps).toMatch(/record that it is done/);

    const add = await connector.addGroupMember('g-vpn', 'p-2');
    expect(add.outcome === 'manual' && add.instructions[0]).toContain('"VPN Users" (id g-vpn)');
    const remove = await connector.removeGroupMember('g-fin', 'p-1');
    expect(remove.outcome === 'manual' && remove.instructions[0]).toContain('remove Dana Whitfield (id p-1');
    await expect(connector.addGroupMember('g-vpn', 'p-9')).rejects.toBeInstanceOf(DirectoryNotFoundError);
  });

  it('never puts the new password in the instructions', async () => {
    const secret = 'Temp-7f3k-Secret-1';
    const result = await connector.setPassword('p-1', secret, { mustChangeAtNextLogin: true });
    expect(result.outcome).toBe('manual');
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(JSON.stringify(result)).toContain('change at next sign-in');
  });
});
