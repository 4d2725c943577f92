import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createManualConnector,
  type DirectoryPerson,
  DirectoryNotFoundError,
  DirectoryOutcomeUnknownError,
  LdapConnectionConfig,
} from '../src/modules/directory/index.js';
import { connectTo, slapdConfig } from './support/directory.js';
import { type LdapFaultProxy, startLdapFaultProxy } from './support/ldap-fault-proxy.js';
import { MFA_FACTOR_ATTRIBUTE } from './support/slapd-mfa-schema.js';
import { describeWithSlapd, useSlapd } from './support/slapd.js';

const WITH_MFA = { attributes: { mfaFactors: MFA_FACTOR_ATTRIBUTE } };

describeWithSlapd('directory connector: MFA reset clears the enrolled factors (decision 0041)', () => {
  const slapd = useSlapd();
  let proxy: LdapFaultProxy;
  beforeAll(async () => {
    proxy = await startLdapFaultProxy(slapd.port);
  });
  afterAll(async () => {
    await proxy?.close();
  });
  const person = (uid: string) => slapd.fixture.people[uid]!;
  const factorsAsRoot = async (uid: string) => {
    const entry = await slapd.readAsRoot(person(uid).dn, [MFA_FACTOR_ATTRIBUTE]);
    const values = entry[MFA_FACTOR_ATTRIBUTE] ?? [];
    return (Array.isArray(values) ? values : [values]).map(String);
  };

  it('offers reset_mfa only with the MFA attribute configured; without it the steps are manual, by id, and hand over nothing', async () => {
    const plain = connectTo(slapd).connector;
    expect(plain.capabilities.has('reset_mfa')).toBe(false);
    expect(connectTo(slapd, WITH_MFA).connector.capabilities.has('reset_mfa')).toBe(true);

    const lucas = person('lucas.moreau');
    const before = await factorsAsRoot('lucas.moreau');
    const result = await plain.resetMfa(lucas.id);
    expect(result.outcome).toBe('manual');
    const steps = result.outcome === 'manual' ? result.instructions.join('\n') : '';
    expect(steps).toContain(`id ${lucas.id}`);
    expect(steps).toContain(lucas.email);
    expect(steps).toMatch(/Never register a factor on the caller's behalf/);
    expect(steps).toMatch(/never read, send or confirm a code/);
    expect(steps).toMatch(/record that it is done/);
    expect(await plain.hasMfaFactors(lucas.id)).toBeNull();
    expect(await factorsAsRoot('lucas.moreau')).toEqual(before);
  });

  it('removes every factor and nothing else; a second reset, or a person who never enrolled, is unchanged', async () => {
    const { connector, logLines } = connectTo(slapd, WITH_MFA);
    const amara = person('amara.okafor');
    const factors = await factorsAsRoot('amara.okafor');
    expect(factors).toHaveLength(2);
    const othersBefore = await factorsAsRoot('lucas.moreau');
    expect(await connector.hasMfaFactors(amara.id)).toBe(true);

    expect(await connector.resetMfa(amara.id)).toEqual({ outcome: 'applied', reconciled: false });
    expect(await factorsAsRoot('amara.okafor')).toEqual([]);
    expect(await connector.hasMfaFactors(amara.id)).toBe(false);
    // The password, the entry and the other people's factors are as they were.
    expect(await slapd.tryBind(amara.dn, amara.password)).toBe(true);
    expect((await slapd.readAsRoot(amara.dn, ['objectClass'])).objectClass).toContain('desksideMfaUser');
    expect(await factorsAsRoot('lucas.moreau')).toEqual(othersBefore);

    expect(await connector.resetMfa(amara.id)).toEqual({ outcome: 'unchanged' });
    expect(await connector.resetMfa(person('ruth.adler').id)).toEqual({ outcome: 'unchanged' });
    expect(await connector.hasMfaFactors(person('ruth.adler').id)).toBe(false);

    // The desk never asked for a factor's value, so none can be in its log.
    expect(logLines.some((line) => line.includes(`delete:${MFA_FACTOR_ATTRIBUTE}`))).toBe(true);
    for (const line of logLines) for (const factor of factors) expect(line).not.toContain(factor);
  });

  it('an id that names no person is not found, and a group id is not a person', async () => {
    const { connector } = connectTo(slapd, WITH_MFA);
    await expect(connector.resetMfa('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(DirectoryNotFoundError);
    await expect(connector.resetMfa(slapd.fixture.groups['Finance']!.id)).rejects.toBeInstanceOf(DirectoryNotFoundError);
    await expect(connector.resetMfa('Mei Wong')).rejects.toBeInstanceOf(DirectoryNotFoundError);
  });

  it('a reset whose reply is lost after slapd applied it is read back as applied, after one write', async () => {
    const { connector } = connectTo(slapd, { ...WITH_MFA, url: proxy.url });
    const diego = person('diego.alvarez');
    expect(await factorsAsRoot('diego.alvarez')).toHaveLength(2);
    const writesBefore = proxy.writesForwarded();
    proxy.arm('drop-reply');
    expect(await connector.resetMfa(diego.id)).toEqual({ outcome: 'applied', reconciled: true });
    expect(proxy.writesForwarded() - writesBefore).toBe(1);
    expect(await factorsAsRoot('diego.alvarez')).toEqual([]);
  });

  it('a reset lost before it reached slapd stays unknown: the read-back still sees the factors', async () => {
    const { connector } = connectTo(slapd, { ...WITH_MFA, url: proxy.url });
    const fatima = person('fatima.zahra');
    const writesBefore = proxy.writesForwarded();
    proxy.arm('drop-request');
    const error = await connector.resetMfa(fatima.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectoryOutcomeUnknownError);
    expect((error as DirectoryOutcomeUnknownError).readBack).toBe('not_observed');
    expect(proxy.writesForwarded() - writesBefore).toBe(0);
    expect(await factorsAsRoot('fatima.zahra')).toHaveLength(2);
  });

  it('a configured MFA attribute must be an attribute name or OID: it goes into a search filter', () => {
    const base = slapdConfig(slapd);
    expect(LdapConnectionConfig.safeParse({ ...base, attributes: { mfaFactors: 'desksideMfaFactor' } }).success).toBe(true);
    expect(LdapConnectionConfig.safeParse({ ...base, attributes: { mfaFactors: '1.3.6.1.4.1.32473.1.1.1' } }).success).toBe(true);
    expect(LdapConnectionConfig.safeParse({ ...base, attributes: { mfaFactors: 'x)(uid=*' } }).success).toBe(false);
    expect(LdapConnectionConfig.safeParse({ ...base, attributes: { mfaFactors: '' } }).success).toBe(false);
  });
});

describe('manual directory connector: MFA reset', () => {
  const dana: DirectoryPerson = {
    immutableId: 'p-1', dn: null, name: 'Dana Whitfield', email: 'dana@example.test', phoneOfRecord: null, managerId: null, groups: [],
    disabled: false, locked: false, privileged: false, entryModifiedAt: null, contactChangedAt: { email: null, phoneOfRecord: null },
  };
  const connector = createManualConnector({
    consoleName: 'the Okta admin console',
    people: { listPeople: async () => [dana], getPerson: async (id) => (id === dana.immutableId ? dana : null) },
  });

  it('answers with console steps addressed by id, and cannot tell whether factors are left', async () => {
    expect(connector.capabilities.has('reset_mfa')).toBe(true);
    const result = await connector.resetMfa('p-1');
    expect(result.outcome).toBe('manual');
    const steps = result.outcome === 'manual' ? result.instructions.join('\n') : '';
    expect(steps).toContain('the Okta admin console');
    expect(steps).toContain('Dana Whitfield (id p-1, dana@example.test)');
    expect(steps).toMatch(/Remove every registered second factor/);
    expect(steps).toMatch(/Never register a factor on the caller's behalf/);
    expect(steps).toMatch(/record that it is done/);
    expect(await connector.hasMfaFactors('p-1')).toBeNull();
    await expect(connector.resetMfa('p-9')).rejects.toBeInstanceOf(DirectoryNotFoundError);
  });
});
