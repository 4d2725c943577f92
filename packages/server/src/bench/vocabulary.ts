// Ticket text for the benchmark: IT-support words with a Zipf-like head (a few words
// in a large share of tickets) and a flat tail of rare words (each in ~0.01%), so
// search is measured for both a common and a rare word.

/** A small, fast, seeded generator (xorshift32): the same seed seeds the same desk. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  /** Uniform in [0, 1). */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }
  int(lowInclusive: number, highInclusive: number): number {
    return lowInclusive + Math.floor(this.next() * (highInclusive - lowInclusive + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Draws from a list by rank with weight 1 / rank^s (s = 1 is classic Zipf). */
export class ZipfPicker<T> {
  private readonly cumulative: Float64Array;
  constructor(
    readonly items: readonly T[],
    s: number,
  ) {
    this.cumulative = new Float64Array(items.length);
    let total = 0;
    for (let i = 0; i < items.length; i++) {
      total += 1 / Math.pow(i + 1, s);
      this.cumulative[i] = total;
    }
    for (let i = 0; i < items.length; i++) this.cumulative[i]! /= total;
  }
  draw(rng: Rng): T {
    const u = rng.next();
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid]! < u) low = mid + 1;
      else high = mid;
    }
    return this.items[low]!;
  }
}

/** What tickets are about, most common first; each ticket has one topic (Zipf, s = 1). */
export const TOPICS = `printer password vpn outlook laptop email wifi teams account login monitor excel
sharepoint onedrive keyboard mouse headset phone network mfa license software browser chrome citrix
desktop drive folder calendar camera microphone dock scanner badge certificate proxy firewall server
database backup mailbox signature attachment zoom webex word powerpoint pdf adobe java driver bluetooth
usb charger battery screen display projector toner cartridge spooler sap salesforce jira confluence slack
sso okta azure intune jamf macbook iphone android tablet voicemail softphone dns dhcp router switch cable
ethernet bandwidth bios windows macos linux antivirus malware phishing spam quarantine encryption bitlocker
filevault onboarding offboarding hardware replacement loaner webcam whiteboard kiosk`.split(/\s+/);

/** Words that colour a description; drawn several times per ticket (Zipf, s = 0.8). */
const DETAILS = `error message slow frozen crash blank flickering offline disconnected timeout denied expired locked
missing corrupted duplicate stuck spinning greyed popup warning prompt reboot restart reinstall update
upgrade patch sync synchronise shared mapped remote office home branch warehouse reception boardroom
floor building site contractor manager director finance payroll invoice quarter deadline customer
presentation report audit training intern visitor temporary permanent urgent weekly daily overnight
morning afternoon evening monday friday weekend yesterday lately intermittently repeatedly suddenly
completely partially colleague team department everyone nobody laptop profile cache cookies settings
credentials username domain tenant group policy registry installer plugin extension add-in macro
template spreadsheet document upload download print scan share sign approve reset unlock enroll
register renew migrate archive restore recover delete rename move copy`.split(/\s+/);

/**
 * The rare tail: specialised kit and internal code names. A ticket mentions one of
 * them with probability RARE_CHANCE, so each appears in about 0.01% of tickets.
 */
const RARE_HAND = `tachograph plotter dictaphone theodolite oscilloscope laminator shredder franking
microfiche telex pager walkie lanyard turnstile intercom thermostat autoclave centrifuge spectrometer
cryostat ultrasound defibrillator infusion cardiograph sterilizer forklift palletiser conveyor
tachometer barometer hygrometer seismograph planimeter colorimeter densitometer fluorometer
gyroscope altimeter anemometer pyrometer`.split(/\s+/);

const SYLLABLES = ['ka', 'lo', 'vex', 'tri', 'mar', 'zen', 'qui', 'dor', 'bel', 'nox', 'ri', 'sta', 'fen', 'gul', 'hap', 'jor'];

function codeNames(count: number): string[] {
  const names: string[] = [];
  for (let i = 0; names.length < count; i++) {
    const a = SYLLABLES[i % SYLLABLES.length]!;
    const b = SYLLABLES[Math.floor(i / SYLLABLES.length) % SYLLABLES.length]!;
    const c = SYLLABLES[(Math.floor(i / 256) + 5) % SYLLABLES.length]!;
    names.push(`${a}${b}${c}`);
  }
  return names;
}

export const RARE_WORDS = [...RARE_HAND, ...codeNames(400 - RARE_HAND.length)];
export const RARE_CHANCE = 0.04;

/** The words the benchmark searches for: the head of the topic list and one tail word. */
export const COMMON_QUERY_WORD = TOPICS[0]!;
export const RARE_QUERY_WORD = 'tachograph';

const SYMPTOMS = ['not working', 'keeps crashing', 'very slow', 'shows an error', 'will not connect', 'stopped working',
  'asks for credentials again', 'is missing', 'cannot be opened', 'needs replacing', 'access request', 'setup for new starter'];
const WHEN = ['since this morning', 'after the update', 'since yesterday', 'since Monday', 'for a week', 'intermittently'];
const OPENERS = ['Hi team,', 'Hello,', 'Good morning,', 'Hi,', 'Dear service desk,', ''];
const CLOSERS = ['Thanks.', 'Please help, this is blocking my work.', 'Not urgent but annoying.', 'Kind regards.', 'Thanks in advance.', ''];

const topicPicker = new ZipfPicker(TOPICS, 1.0);
const detailPicker = new ZipfPicker(DETAILS, 0.8);

/** One ticket's words: a subject, a description, and the words a search could match on. */
export interface TicketText {
  subject: string;
  description: string;
  topic: string;
  second: string;
  rare: string | null;
}

/** Text a person would write about one IT problem. */
export function ticketText(rng: Rng): TicketText {
  const topic = topicPicker.draw(rng);
  // The second thing named is uniform, so the head word's share stays near its Zipf weight.
  const second = rng.pick(TOPICS);
  const subject = `${capitalise(topic)} ${rng.pick(SYMPTOMS)}${rng.chance(0.4) ? ` ${rng.pick(WHEN)}` : ''}`;
  const details = Array.from({ length: rng.int(4, 9) }, () => detailPicker.draw(rng));
  const rare = rng.chance(RARE_CHANCE) ? rng.pick(RARE_WORDS) : null;
  const sentences = [
    rng.pick(OPENERS),
    `My ${topic} ${rng.pick(SYMPTOMS)} ${rng.pick(WHEN)}.`,
    `I see ${details.slice(0, 2).join(' and ')} when I try to use the ${second}.`,
    `It is ${details.slice(2).join(', ')}.`,
    rare ? `The ${rare} in our area is affected as well.` : '',
    rng.chance(0.3) ? `Asset tag LT-${rng.int(10000, 99999)}.` : '',
    rng.pick(CLOSERS),
  ];
  return { subject, description: sentences.filter(Boolean).join(' '), topic, second, rare };
}

/** Short agent-written text (restatements, workarounds, resolutions) from the same words. */
export function agentNote(rng: Rng, topic: string): string {
  return `${capitalise(topic)} ${rng.pick(SYMPTOMS)}; ${detailPicker.draw(rng)} ${detailPicker.draw(rng)} ${detailPicker.draw(rng)}.`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const FIRST = `Ada Ben Chloe Dev Elena Farid Grace Hugo Ines Jonas Kemi Liam Maya Noor Omar Priya Quinn Rosa Sam Tariq
Uma Victor Wen Xavier Yara Zoe Aisha Bruno Carmen Diego Emma Felix Hana Ivan Julia Kofi Lena Mateo Nadia Oskar`.split(/\s+/);
const LAST = `Adams Baker Chen Diaz Evans Fischer Garcia Haddad Ito Jensen Kowalski Lopez Murphy Nakamura Okafor
Patel Quist Rossi Silva Tanaka Ueda Varga Weber Xu Yilmaz Zimmer Ahmed Brown Costa Dubois`.split(/\s+/);

/** A person's name, stable for an index. */
export function personName(index: number): string {
  return `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]}`;
}
