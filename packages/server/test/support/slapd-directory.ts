import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { MFA_FACTOR_ATTRIBUTE } from './slapd-mfa-schema.js';

/**
 * The test organisation loaded into every private slapd: people with managers, nested groups
 * ("Domain Admins" inside "Privileged", departments inside "Staff" inside "VPN Users"), a group
 * cycle, a disabled account, and the desk's delegated service account. Ids are entryUUIDs we
 * choose, so a test can address anyone by immutable id without a lookup first.
 */
export const SUFFIX = 'dc=meridian,dc=test';
export const PEOPLE_BASE = `ou=people,${SUFFIX}`;
export const GROUPS_BASE = `ou=groups,${SUFFIX}`;
export const ROOT_DN = `cn=admin,${SUFFIX}`;
export const SERVICE_DN = `uid=deskside-svc,ou=service,${SUFFIX}`;
export const POLICY_DN = `cn=default,ou=policies,${SUFFIX}`;
/** ppolicy's marker for an account an administrator locked for good: the directory's "disabled". */
export const PERMANENT_LOCK = '000001010000Z';

interface PersonSeed {
  uid: string;
  name: string;
  title: string;
  phone?: string;
  manager?: string;
  disabled?: boolean;
}

const PEOPLE_SEED: readonly PersonSeed[] = [
  { uid: 'olivia.chen', name: 'Olivia Chen', title: 'Chief Executive', phone: '+44 20 7946 0101' },
  { uid: 'marcus.reed', name: 'Marcus Reed', title: 'Chief Financial Officer', phone: '+44 20 7946 0102', manager: 'olivia.chen' },
  { uid: 'priya.nair', name: 'Priya Nair', title: 'Head of IT', phone: '+44 20 7946 0103', manager: 'olivia.chen' },
  { uid: 'tom.becker', name: 'Tom Becker', title: 'Systems Administrator', phone: '+44 20 7946 0104', manager: 'priya.nair' },
  { uid: 'sara.lind', name: 'Sara Lind', title: 'Systems Administrator', phone: '+44 20 7946 0105', manager: 'priya.nair' },
  { uid: 'jonas.weber', name: 'Jonas Weber', title: 'Service Desk Analyst', phone: '+44 20 7946 0106', manager: 'priya.nair' },
  { uid: 'amara.okafor', name: 'Amara Okafor', title: 'Accountant', phone: '+44 20 7946 0107', manager: 'marcus.reed' },
  { uid: 'lucas.moreau', name: 'Lucas Moreau', title: 'Accountant', phone: '+44 20 7946 0108', manager: 'marcus.reed' },
  { uid: 'hana.sato', name: 'Hana Sato', title: 'Head of Sales', phone: '+44 20 7946 0109', manager: 'olivia.chen' },
  { uid: 'diego.alvarez', name: 'Diego Alvarez', title: 'Account Manager', phone: '+44 20 7946 0110', manager: 'hana.sato' },
  { uid: 'fatima.zahra', name: 'Fatima Zahra', title: 'Account Manager', phone: '+44 20 7946 0111', manager: 'hana.sato' },
  { uid: 'erik.nilsson', name: 'Erik Nilsson', title: 'Warehouse Lead', phone: '+44 20 7946 0112', manager: 'olivia.chen' },
  { uid: 'mei.wong', name: 'Mei Wong', title: 'Warehouse Operative', phone: '+44 20 7946 0113', manager: 'erik.nilsson' },
  { uid: 'noah.kim', name: 'Noah Kim', title: 'Warehouse Operative', phone: '+44 20 7946 0114', manager: 'erik.nilsson', disabled: true },
  { uid: 'ruth.adler', name: 'Ruth Adler', title: 'IT Contractor', manager: 'priya.nair' },
];

// Everyone else has enrolled an authenticator app and a security key; these two never enrolled.
const WITHOUT_MFA = new Set(['noah.kim', 'ruth.adler']);

/** Group name -> members: people by uid, groups as `group:<name>`. */
const GROUPS_SEED: Readonly<Record<string, readonly string[]>> = {
  Privileged: ['group:Domain Admins', 'group:Security Officers'],
  'Domain Admins': ['tom.becker', 'sara.lind'],
  'Security Officers': ['priya.nair'],
  Finance: ['marcus.reed', 'amara.okafor', 'lucas.moreau'],
  Sales: ['hana.sato', 'diego.alvarez', 'fatima.zahra'],
  Warehouse: ['erik.nilsson', 'mei.wong', 'noah.kim'],
  IT: ['priya.nair', 'tom.becker', 'sara.lind', 'jonas.weber', 'ruth.adler'],
  Staff: ['group:Finance', 'group:Sales', 'group:Warehouse', 'group:IT', 'olivia.chen'],
  'VPN Users': ['group:Staff'],
  // A cycle, as real directories grow them: resolution must terminate and still see both.
  'Loop A': ['group:Loop B', 'mei.wong'],
  'Loop B': ['group:Loop A'],
  // groupOfNames needs one member; the tests add and remove others here.
  'Finance Mailbox': ['marcus.reed'],
  'Sales Drive': ['hana.sato'],
};

export interface FixturePerson {
  uid: string;
  dn: string;
  id: string;
  name: string;
  email: string;
  phone: string | null;
  password: string;
  managerUid: string | null;
  disabled: boolean;
  /** Values of desksideMfaFactor as the test MFA server would keep them (random per fixture). */
  mfaFactors: string[];
}

export interface FixtureGroup {
  name: string;
  dn: string;
  id: string;
}

/** One generated directory: the LDIF to load and what a test needs to address it. */
export interface DirectoryFixture {
  ldif: string;
  rootPassword: string;
  servicePassword: string;
  people: Record<string, FixturePerson>;
  groups: Record<string, FixtureGroup>;
}

/** Builds a fresh organisation with random ids and passwords for one slapd. */
export function buildDirectoryFixture(): DirectoryFixture {
  const people: Record<string, FixturePerson> = {};
  for (const seed of PEOPLE_SEED) {
    people[seed.uid] = {
      uid: seed.uid,
      dn: `uid=${seed.uid},${PEOPLE_BASE}`,
      id: randomUUID(),
      name: seed.name,
      email: `${seed.uid}@meridian.test`,
      phone: seed.phone ?? null,
      password: `Start-${randomBytes(6).toString('hex')}`,
      managerUid: seed.manager ?? null,
      disabled: seed.disabled ?? false,
      mfaFactors: WITHOUT_MFA.has(seed.uid) ? [] : [`totp:${randomBytes(20).toString('hex')}`, `fido2:${randomBytes(16).toString('hex')}`],
    };
  }
  const groups: Record<string, FixtureGroup> = {};
  for (const name of Object.keys(GROUPS_SEED)) {
    groups[name] = { name, dn: `cn=${name},${GROUPS_BASE}`, id: randomUUID() };
  }
  const rootPassword = `root-${randomBytes(9).toString('hex')}`;
  const servicePassword = `svc-${randomBytes(12).toString('hex')}`;

  const entries: string[] = [
    entry(SUFFIX, ['objectClass: dcObject', 'objectClass: organization', 'dc: meridian', 'o: Meridian Logistics']),
    ...['people', 'groups', 'service', 'policies'].map((ou) =>
      entry(`ou=${ou},${SUFFIX}`, ['objectClass: organizationalUnit', `ou: ${ou}`]),
    ),
    entry(POLICY_DN, [
      'objectClass: applicationProcess',
      'objectClass: pwdPolicy',
      'cn: default',
      'pwdAttribute: userPassword',
      'pwdLockout: TRUE',
      'pwdMaxFailure: 3',
      'pwdLockoutDuration: 0',
      'pwdFailureCountInterval: 0',
      'pwdMustChange: TRUE',
      'pwdAllowUserChange: TRUE',
      'pwdInHistory: 0',
      'pwdCheckQuality: 0',
    ]),
    entry(SERVICE_DN, [
      'objectClass: account',
      'objectClass: simpleSecurityObject',
      'uid: deskside-svc',
      'description: Deskside directory connector (delegated)',
      `userPassword: ${ssha(servicePassword)}`,
    ]),
  ];
  for (const person of Object.values(people)) {
    const [given, ...rest] = person.name.split(' ');
    const lines = [
      'objectClass: inetOrgPerson',
      `uid: ${person.uid}`,
      `cn: ${person.name}`,
      `givenName: ${given}`,
      `sn: ${rest.join(' ')}`,
      `mail: ${person.email}`,
      `title: ${PEOPLE_SEED.find((s) => s.uid === person.uid)?.title ?? ''}`,
      `userPassword: ${ssha(person.password)}`,
      `entryUUID: ${person.id}`,
    ];
    if (person.phone) lines.push(`telephoneNumber: ${person.phone}`);
    if (person.managerUid) lines.push(`manager: ${people[person.managerUid]!.dn}`);
    if (person.disabled) lines.push(`pwdAccountLockedTime: ${PERMANENT_LOCK}`);
    if (person.mfaFactors.length > 0) lines.push('objectClass: desksideMfaUser', ...person.mfaFactors.map((f) => `${MFA_FACTOR_ATTRIBUTE}: ${f}`));
    entries.push(entry(person.dn, lines));
  }
  for (const [name, members] of Object.entries(GROUPS_SEED)) {
    const group = groups[name]!;
    const memberDns = members.map((m) => (m.startsWith('group:') ? groups[m.slice(6)]!.dn : people[m]!.dn));
    entries.push(
      entry(group.dn, ['objectClass: groupOfNames', `cn: ${name}`, `entryUUID: ${group.id}`, ...memberDns.map((dn) => `member: ${dn}`)]),
    );
  }
  return { ldif: entries.join('\n'), rootPassword, servicePassword, people, groups };
}

function entry(dn: string, lines: readonly string[]): string {
  return [`dn: ${dn}`, ...lines, ''].join('\n');
}

/** slapadd stores userPassword as given, so it is hashed here the way slapd would ({SSHA}). */
export function ssha(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}
