import { Writable } from 'node:stream';
import pino from 'pino';
import { createLdapConnector, type DirectoryConnector, type LdapConnectionConfigInput } from '../../src/modules/directory/index.js';
import { GROUPS_BASE, PEOPLE_BASE, SERVICE_DN } from './slapd-directory.js';
import type { Slapd } from './slapd.js';

/** A connector on the test slapd as the delegated service account, with its log lines kept. */
export interface TestConnector {
  connector: DirectoryConnector;
  config: LdapConnectionConfigInput;
  logLines: string[];
}

/** The connector configuration for a test slapd: plain LDAP on 127.0.0.1 (allowed on loopback). */
export function slapdConfig(slapd: Slapd, overrides: Partial<LdapConnectionConfigInput> = {}): LdapConnectionConfigInput {
  return {
    url: slapd.url,
    startTls: false,
    bindDn: SERVICE_DN,
    bindPassword: slapd.fixture.servicePassword,
    peopleBaseDn: PEOPLE_BASE,
    groupsBaseDn: GROUPS_BASE,
    privilegedGroupIds: [slapd.fixture.groups['Privileged']!.id],
    timeouts: { connectMs: 2000, operationMs: 5000 },
    ...overrides,
  };
}

/** Builds a connector that logs (at debug level) into memory, so tests can search every line. */
export function connectTo(slapd: Slapd, overrides: Partial<LdapConnectionConfigInput> = {}): TestConnector {
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const log = pino({ level: 'debug' }, sink);
  const config = slapdConfig(slapd, overrides);
  return { connector: createLdapConnector(config, { log }), config, logLines };
}

/** Collects every page of a listing. */
export async function allPeople(connector: DirectoryConnector, pageSize?: number) {
  const pages = [];
  for await (const page of connector.listPeople({ pageSize })) pages.push(page);
  return { pages, people: pages.flat() };
}
