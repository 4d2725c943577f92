import type { Level, PendingReason, TicketType } from '@deskside/shared';
import type { DemoGroup, Department } from './demo-people.js';
import type { Rng } from './prng.js';

/** How the cause was written down when the ticket was resolved. */
export interface StoryFix {
  symptom: string;
  cause: string;
  resolution: string;
  category: string;
}

/**
 * One kind of thing people call the desk about, with the words each side uses
 * at every step. Texts may hold {placeholders}; see `storyVars`.
 */
export interface DemoStory {
  key: string;
  type: TicketType;
  /** How often it comes back, relative to the others: the desk's Pareto of causes. */
  weight: number;
  impact: Level;
  urgency: Level;
  /** Who tends to report it; anyone when absent. */
  departments?: readonly Department[];
  /** The tier-2/3 group it goes to when tier 1 cannot finish it, and how often that happens. */
  escalate?: { group: DemoGroup; chance: number };
  subjects: readonly string[];
  descriptions: readonly string[];
  restatement: string;
  /** Internal notes, in the order the work produced them. */
  notes: readonly string[];
  /** The handoff packet written when the ticket goes to another group. */
  handoff?: string;
  /** A public progress reply from the desk. */
  update: string;
  /** What got the person working before the cause was dealt with. */
  workaround?: string;
  /** What the ticket waits on, per reason; a story without one is never parked for it. */
  waits?: Partial<Record<PendingReason, string>>;
  /** The requester's reply after a wait on them. */
  answer?: string;
  /** What the requester says when the fix did not hold. */
  reopen?: string;
  fix: StoryFix;
}

const APPS: Record<Department, string> = {
  Finance: 'the ledger app',
  Sales: 'the CRM',
  Legal: 'the matter management system',
  Operations: 'the inventory app',
  Marketing: 'the design suite',
  Engineering: 'the build dashboard',
  People: 'the HR portal',
  Facilities: 'the room booking system',
};

const VOCABULARY = {
  since: ['this morning', 'since lunch', 'since yesterday afternoon', 'since Monday', 'since about nine', 'since the restart last night'],
  floor: ['2nd', '4th', '5th', '6th'],
  room: ['Juniper', 'Kestrel', 'Harbour', 'Atlas', 'Lantern', 'Meridian', 'Foxglove'],
  tool: ['a diagramming tool', 'the PDF editor', 'Python 3', 'a screen recorder', 'the statistics package', 'a second browser for testing'],
  start: ['next Monday', 'on the 1st', 'in two weeks', 'this Thursday', 'a week from Wednesday'],
} as const;

export type StoryVars = Record<string, string>;

/** Picks one value per placeholder for a ticket, so every text of that ticket agrees with the others. */
export function storyVars(rng: Rng, who: { name: string; department?: Department | undefined }): StoryVars {
  const department = who.department ?? 'Operations';
  const vars: StoryVars = { who: who.name.split(' ')[0]!, dept: department, app: APPS[department] };
  for (const [key, values] of Object.entries(VOCABULARY)) vars[key] = rng.pick(values);
  return vars;
}

/** Writes a ticket's values into a story text; an unknown placeholder stays visible rather than vanishing. */
export function fill(template: string, vars: StoryVars): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}
