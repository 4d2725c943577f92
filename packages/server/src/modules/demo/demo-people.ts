import type { Role } from '@deskside/shared';

/** The demo organisation's domain: reserved for examples (RFC 2606), so no mail ever reaches anyone. */
export const DEMO_DOMAIN = 'demo.example';

export type DemoGroup = 'Service Desk' | 'Desktop Support' | 'Network' | 'Identity' | 'Security';
export const DEMO_GROUPS: readonly { name: DemoGroup; tier: number }[] = [
  { name: 'Service Desk', tier: 1 },
  { name: 'Desktop Support', tier: 2 },
  { name: 'Network', tier: 2 },
  { name: 'Identity', tier: 2 },
  { name: 'Security', tier: 3 },
];

export type Department = 'Finance' | 'Sales' | 'Legal' | 'Operations' | 'Marketing' | 'Engineering' | 'People' | 'Facilities';

export interface DemoPerson {
  name: string;
  role: Role;
  /** The local part of the e-mail address, when it is not first.last. */
  mailbox?: string;
  department?: Department;
  groups?: DemoGroup[];
  /** Listed in the startup message as someone to sign in as. */
  listed?: boolean;
}

/** The desk's own people: one admin, two leads, eight agents across the tiers. */
export const DEMO_STAFF: readonly DemoPerson[] = [
  { name: 'Morgan Ellery', role: 'admin', mailbox: 'admin', listed: true },
  { name: 'Renata Sokolova', role: 'lead', groups: ['Service Desk'], listed: true },
  { name: 'Idris Bello', role: 'lead', groups: ['Desktop Support', 'Network', 'Identity'] },
  { name: 'Jamie Okonkwo', role: 'agent', groups: ['Service Desk'], listed: true },
  { name: 'Lena Fischer', role: 'agent', groups: ['Service Desk'] },
  { name: 'Marco Bianchi', role: 'agent', groups: ['Service Desk'] },
  { name: 'Asha Verma', role: 'agent', groups: ['Service Desk'] },
  { name: 'Tobias Reyes', role: 'agent', groups: ['Desktop Support'], listed: true },
  { name: 'Hiro Sato', role: 'agent', groups: ['Network'] },
  { name: 'Zainab Yusuf', role: 'agent', groups: ['Identity'] },
  { name: 'Callum Forde', role: 'agent', groups: ['Security'], listed: true },
];

/** Everyone else: the people who call the desk. Names are invented. */
export const DEMO_REQUESTERS: readonly DemoPerson[] = [
  ...dept('Finance', ['Daniel Oyelaran', 'Priya Raman', 'Tomasz Wielgosz', 'Grace Achterberg', 'Kwame Mensah-Boateng', 'Lucía Ferrer']),
  ...dept('Sales', ['Marguerite Lindqvist', 'Jonah Whitcombe', 'Aiko Tanabe', 'Rafael Quintero', 'Siobhan Keane', 'Dev Malhotra']),
  ...dept('Legal', ['Inês Duarte', 'Oliver Haddad', 'Nadia Petrova', 'Samuel Achebe']),
  ...dept('Operations', ['Farah Qureshi', 'Mateus Carvalho', 'Hannah Vogt', 'Emeka Obi', 'Chloé Marchand', 'Yusuf Demir']),
  ...dept('Marketing', ['Beatrix Holm', 'Leon Zhang', 'Amara Nwosu', 'Freya Callaghan', 'Tariq Saleem']),
  ...dept('Engineering', ['Mei-Lin Cho', 'Arjun Pillai', 'Sofia Lindgren', 'Kofi Asante', 'Noor Al-Sayed', 'Bastian Krüger', 'Camille Dubois']),
  ...dept('People', ['Rosa Delgado', 'Ethan Brightwater', 'Layla Moradi']),
  ...dept('Facilities', ['Gideon Frost', 'Anjali Desai', 'Marek Novák']),
].map((p) => (p.name === 'Priya Raman' || p.name === 'Leon Zhang' ? { ...p, listed: true } : p));

/** The people the three acceptance stories are about. */
export const SCENARIO_CAST = {
  cfo: 'Daniel Oyelaran',
  vpSales: 'Marguerite Lindqvist',
  floorThree: ['Priya Raman', 'Tomasz Wielgosz', 'Grace Achterberg', 'Kwame Mensah-Boateng', 'Lucía Ferrer'],
} as const;

function dept(department: Department, names: string[]): DemoPerson[] {
  return names.map((name) => ({ name, role: 'requester' as const, department }));
}

/** first.last@demo.example, with accents folded so addresses stay plain ASCII. */
export function demoEmail(person: DemoPerson): string {
  const local = person.mailbox ?? person.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z-]+/g, '.');
  return `${local}@${DEMO_DOMAIN}`;
}

/** Numbers in 555-0100..0199 are set aside for fiction; the directory's "number of record". */
export function demoPhone(index: number): string {
  return `+1 202 555 ${String(100 + (index % 100)).padStart(4, '0')}`;
}
