import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGNAL_RULE_SET } from './default-rule-set.js';
import type { AccessRequestContext } from './request-context.js';
import { SignalRuleSet } from './rule-set-schema.js';
import { levelAtLeast, scoreRequest } from './score-request.js';

const OFFICE_HOURS: AccessRequestContext = { localHour: 10, localWeekday: 'tue' };

function score(text: string, context: AccessRequestContext = OFFICE_HOURS) {
  return scoreRequest(DEFAULT_SIGNAL_RULE_SET, { text, context });
}

function firedRules(text: string, context?: AccessRequestContext): string[] {
  return score(text, context).signals.map((s) => s.ruleId);
}

describe('text rules of the default set', () => {
  it.each([
    ['urgency', 'I need this fixed right now', '"right now"'],
    ['urgency', 'Please hurry, I am about to board', '"hurry", "about to board"'],
    ['urgency', 'I have to leave before my flight', '"before my flight"'],
    ['urgency', 'Bitte sofort erledigen', '"sofort"'],
    ['executive-title', 'This is the CFO speaking', '"cfo"'],
    ['executive-title', 'Ich bin die Geschäftsführerin', '"geschaftsfuhrerin"'],
    ['executive-title', 'Our chief revenue officer asked', '"chief revenue officer"'],
    ['rank-pressure', 'Do you know who I am?', '"do you know who i am"'],
    ['rank-pressure', 'He approved it verbally', '"verbally"'],
    ['secrecy', "Keep this between us, don't tell my assistant", '"between us", "dont tell"'],
    ['secrecy', 'Das bleibt unter uns', '"unter uns"'],
    ['new-contact', 'Send the code to my new number please', '"send the code to", "new number"'],
    ['new-contact', 'Use my personal email for the link', '"personal email"'],
    ['secret-handover', 'Just read me the code', '"read me the"'],
    ['secret-handover', 'Set the password to Summer1 and tell me', '"set the password to"'],
    ['bypass-checks', 'Can you skip the verification just this once?', '"skip the verification", "just this once"'],
    ['bypass-checks', 'Verify me with my date of birth', '"verify me with", "date of birth"'],
    ['outside-caller', 'Hi, this is Microsoft Support calling', '"microsoft support"'],
  ])('%s fires on "%s"', (ruleId, text, evidence) => {
    const signal = score(text).signals.find((s) => s.ruleId === ruleId);
    expect(signal?.evidence).toBe(evidence);
  });

  it('fires nothing on an ordinary polite request with mild time words', () => {
    const result = score("Hi, I'm back from holiday and locked out. Could you unlock my account today? Thanks!");
    expect(result).toMatchObject({ score: 0, level: 'low', signals: [], requirements: [] });
  });

  it('matches other forms of a word and a "*" gap', () => {
    expect(score('I am flying out before the flight boards').signals[0]?.evidence).toBe('"flying out", "before the flight"');
    expect(score('Boarding in 5 min').signals[0]?.evidence).toBe('"boarding in"');
  });
});

describe('context rules of the default set', () => {
  it.each([
    ['recent-contact-change', { contactChangedDaysAgo: 2, changedContact: 'phone number' }, 'phone number of record changed 2 days ago'],
    ['recent-contact-change', { contactChangedDaysAgo: 0 }, 'contact details of record changed today'],
    ['privileged-target', { targetPrivileged: true }, 'the account is privileged'],
    ['after-hours', { localHour: 23, localWeekday: 'tue' }, 'arrived at 23:00, outside business hours (07:00–19:00)'],
    ['after-hours', { localHour: 11, localWeekday: 'sun' }, 'arrived on a Sunday, outside business days'],
    ['repeated-attempts', { previousAttemptsLast24h: 2 }, '2 earlier requests for this account in the last 24 hours'],
    ['repeat-mfa-reset', { mfaResetsLast24h: 1 }, '1 MFA reset of this account in the last 24 hours'],
  ] as const)('%s says "%s"', (ruleId, context, evidence) => {
    const signal = score('Please reset my MFA.', context).signals.find((s) => s.ruleId === ruleId);
    expect(signal?.evidence).toBe(evidence);
  });

  it('raises nothing for facts that are unknown or within bounds', () => {
    expect(firedRules('Please reset my MFA.', {})).toEqual([]);
    expect(firedRules('Please reset my MFA.', { contactChangedDaysAgo: 30, previousAttemptsLast24h: 1, mfaResetsLast24h: 0, targetPrivileged: false, localHour: 7 })).toEqual([]);
  });
});

describe('levels and requirements', () => {
  it('names the combination of hurry, rank and secrecy and asks for a security review', () => {
    const result = score("This is the CEO. Reset it right now and keep this between us.", { localHour: 22, localWeekday: 'fri', targetPrivileged: true });
    expect(result.level).toBe('high');
    expect(result.signals.map((s) => s.ruleId)).toEqual(['urgency', 'executive-title', 'secrecy', 'privileged-target', 'after-hours', 'pressure-combination']);
    expect(result.score).toBe(2 + 2 + 3 + 2 + 1 + 2);
    expect(result.requirements).toEqual([
      { id: 'two_methods', label: 'Two different verification methods', triggeredBy: ['privileged-target', 'level:elevated'] },
      { id: 'manager_approval', label: "Approval by the person's directory manager, in the manager's own session", triggeredBy: ['secrecy', 'level:high'] },
      { id: 'security_review', label: 'Review by the Security group before any change', triggeredBy: ['pressure-combination', 'level:high'] },
    ]);
  });

  it('is elevated from the threshold on and carries the rule set version', () => {
    const result = score('Please send the code to my other number.');
    expect(result).toMatchObject({ score: 3, level: 'elevated', ruleSetVersion: 1 });
    expect(levelAtLeast(result.level, 'elevated')).toBe(true);
    expect(levelAtLeast(result.level, 'high')).toBe(false);
  });
});

describe('negation', () => {
  it.each([
    'No rush, whenever you have time.',
    'This is not urgent at all.',
    'Nothing urgent, thanks.',
    "There's no need to hurry.",
    'Ist nicht dringend.',
    'Es eilt nicht.',
    'Es ist kein Notfall und nicht dringend.',
  ])('"%s" is not urgency', (text) => {
    expect(firedRules(text)).not.toContain('urgency');
  });

  it.each([
    'No, I need it right now.',
    'Not joking: this is urgent.',
    'I am not able to wait, it is urgent',
  ])('a negation in another clause or far away does not cancel "%s"', (text) => {
    expect(firedRules(text)).toContain('urgency');
  });

  it('does not let a negation cancel secrecy or a request to skip checks', () => {
    expect(firedRules("No need to tell my manager about this")).toContain('secrecy');
    expect(firedRules('You do not need to skip the verification, well, maybe skip the callback')).toContain('bypass-checks');
  });
});

describe('evasion', () => {
  const plain = "This is the CEO, keep this between us and send the code to my new number right now";
  const expected = score(plain);

  it.each([
    ['upper case', plain.toUpperCase()],
    ['extra spaces and line breaks', plain.replaceAll(' ', '   \n ').replace(/\n/g, ' ')],
    ['zero-width characters', [...plain].join('\u200B')],
    ['soft hyphens and joiners', plain.replaceAll('e', 'e\u00AD\u2060')],
    ['full-width letters', plain.replace('CEO', 'ＣＥＯ')],
    ['Cyrillic look-alikes', plain.replace('CEO', '\u0421\u0415\u041E').replace('code', 'c\u043Ede')],
    ['accents', plain.replace('between', 'bétween').replace('urgent', 'úrgent')],
    ['punctuation inside phrases', plain.replace('right now', 'right-now').replace('between us', 'between/us')],
  ])('%s gives the same score', (_name, text) => {
    expect(score(text).score).toBe(expected.score);
    expect(score(text).signals.map((s) => s.ruleId)).toEqual(expected.signals.map((s) => s.ruleId));
  });

  it('joins letters spelled out one by one', () => {
    expect(firedRules('this is u r g e n t')).toContain('urgency');
    expect(firedRules('this is U.R.G.E.N.T')).toContain('urgency');
  });
});

describe('custom rule sets', () => {
  const custom = SignalRuleSet.parse({
    version: 7,
    requirements: [{ id: 'callback', label: 'Callback to the number of record' }],
    negation: { before: ['no'], after: [], window: 2 },
    levels: { elevated: { atScore: 1, requires: [] }, high: { atScore: 5, requires: ['callback'] } },
    rules: [
      { id: 'wire', kind: 'text', label: 'Mentions a wire transfer', category: 'urgency', weight: 1.5, match: { kind: 'pattern', source: '\\bwire (?:transfer|payment)s?\\b' } },
      { id: 'new-card', kind: 'text', label: 'New card', category: 'new-contact', weight: 0.1, match: { kind: 'phrases', phrases: ['new card'] } },
      { id: 'ch', kind: 'text', label: 'Changed', category: 'new-contact', weight: 0.2, match: { kind: 'phrases', phrases: ['changed ... card'] } },
    ],
  });

  it('applies patterns to folded text and rounds the score', () => {
    const result = scoreRequest(custom, { text: 'The WIRE-Transfers need my new card, changed my card', context: {} });
    expect(result).toMatchObject({ ruleSetVersion: 7, score: 1.8, level: 'elevated' });
    expect(result.signals.map((s) => s.evidence)).toEqual(['"wire transfers"', '"new card"', '"changed my card"']);
  });

  it('negates a pattern match like a phrase match', () => {
    expect(scoreRequest(custom, { text: 'no wire transfer today', context: {} }).signals).toEqual([]);
  });

  it('refuses a rule set that does not validate, even when typed as one', () => {
    const unsafe = { ...custom, rules: [{ ...custom.rules[0]!, match: { kind: 'pattern', source: '(a+)+', negatable: true } }] } as SignalRuleSet;
    expect(() => scoreRequest(unsafe, { text: 'aaaa', context: {} })).toThrow(/unbounded repetition/);
  });
});
