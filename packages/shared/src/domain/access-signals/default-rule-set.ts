import { SignalRuleSet, type SignalRuleSetInput } from './rule-set-schema.js';

// The rules a new desk starts with. Labels describe what was said or what is true, never
// the person: an honest caller in a hurry reads them too, over the agent's shoulder.
// Phrases are folded like request text (case, accents, punctuation do not matter) and
// lightly stemmed ("asked" finds "asking"); "*" is any one word, "..." up to three.

const URGENCY = [
  'right now', 'right away', 'straight away', 'immediately', 'immediate', 'asap', 'as soon as possible',
  'urgent', 'urgently', 'urgency', 'emergency', 'hurry', 'rush', 'cant wait', 'cannot wait', 'this minute',
  'it now', 'in * minutes', 'within * minutes', 'in the next * minutes', 'in an hour',
  'within the hour', 'before my flight', 'before * flight', 'about to board', 'boarding in', 'boarding now', 'im boarding', 'flying out',
  'board meets', 'time critical', 'time sensitive', 'every minute counts',
  'sofort', 'dringend', 'eilt', 'eilig', 'umgehend', 'unverzuglich', 'so schnell wie moglich',
];

// Executive titles, in a pattern rather than a phrase list so one rule covers "CFOs",
// "Geschäftsführerin" and "chief revenue officer" alike.
const EXECUTIVE_TITLE =
  '\\b(?:ceo|cfo|coo|cto|cio|ciso|vp|vice president|president|chair(?:man|woman)|managing director|chief [a-z]{3,12} officer|geschaftsfuhrer[a-z]{0,3}|vorstand[a-z]{0,8})s?\\b';

const RANK_PRESSURE = [
  'do you know who i am', 'speaking to your manager', 'speak to your manager', 'your manager will hear',
  'your job', 'you will be responsible', 'ill take responsibility', 'i take full responsibility', 'on my responsibility',
  'i authorize', 'i authorise', 'this is authorized', 'this is authorised', 'authorized us', 'authorised us',
  'signed off', 'verbally', 'approval later', 'forward the mail later', 'forward the approval later',
  'furious', 'no questions', 'ich ubernehme die verantwortung', 'auf meine verantwortung',
];

const SECRECY = [
  'between us', 'between you and me', 'dont tell', 'do not tell', 'dont mention', 'do not mention',
  'dont involve', 'do not involve', 'dont inform', 'do not inform', 'no need to tell', 'no need to inform',
  'no need to mention', 'without telling', 'keep it quiet', 'keep this quiet', 'quietly', 'discreet', 'discreetly',
  'keep this confidential', 'keep it confidential', 'dont log', 'do not log', 'dont escalate', 'do not escalate',
  'dont create a ticket', 'without a ticket', 'off the record', 'dont cc', 'dont want a fuss',
  'unter uns', 'nicht weitersagen', 'nicht ... weitergeben', 'niemandem', 'vertraulich', 'diskret',
];

const NEW_CONTACT = [
  'new number', 'new phone number', 'new mobile number', 'different number', 'other number', 'another number',
  'this number', 'number is different', 'update my mobile to', 'update my number', 'change my number',
  'switch the phone number', 'switch my number', 'put * on my account', 'call me there', 'call me back on',
  'call me on this', 'reach you on', 'personal mobile', 'private mobile', 'personal phone', 'private phone',
  'personal email', 'private email', 'personal e mail', 'private e mail', 'personal gmail', 'gmail', 'hotmail',
  'to my address', 'address im writing from', 'to this email', 'to this e mail', 'to this address',
  'send the code to', 'text the code to', 'text the verification code', 'send the link to', 'enrolment link to',
  'neue nummer', 'neuen nummer', 'andere nummer', 'private nummer', 'diese nummer', 'private adresse',
];

const SECRET_HANDOVER = [
  'read me the', 'read it to', 'tell me the code', 'tell me the password', 'tell me the new password',
  'give me the code', 'give me the password', 'give it to me', 'send it to me', 'send me the password',
  'password sent to me', 'password to me', 'the temp one', 'text me the', 'send new credentials', 'send the password',
  'send the credentials', 'what code', 'confirm the code', 'pass it on', 'approve the push',
  'set the password to', 'set my password to', 'passwort an mich', 'code an mich',
];

const BYPASS = [
  'skip the verification', 'skip verification', 'skip the callback', 'skip the check', 'without verification',
  'without the callback', 'instead of the callback', 'cant do the callback', 'no time for', 'just this once',
  'make an exception', 'bypass', 'override', 'turn it off', 'turn off mfa', 'disable mfa',
  'mfa disabled', 'dont want to answer', 'security questions', 'employee number', 'date of birth', 'verify me with',
  'already verified', 'ohne verifizierung', 'ohne ruckruf', 'ausnahme',
];

const IMPERSONATION = [
  'microsoft support', 'from microsoft', 'okta support', 'from okta', 'from the help desk', 'help desk from',
  'help desk team', 'from the service desk', 'from the vendor', 'your vendor', 'payroll vendor', 'service provider',
  'your provider', 'pen test', 'pentest', 'audit firm', 'from the auditors', 'it security here',
  'this is it security', 'work in it at', 'calling from', 'we detected', 'we noticed', 'your tenant',
  'dienstleister', 'it abteilung von',
];

const DEFAULT_RULE_SET_INPUT: SignalRuleSetInput = {
  version: 1,
  // The ids are the stricter requirements the verification gate knows
  // (access-requests/requirements.ts); it treats any other id as a security review.
  requirements: [
    { id: 'two_methods', label: 'Two different verification methods' },
    { id: 'manager_approval', label: "Approval by the person's directory manager, in the manager's own session" },
    { id: 'security_review', label: 'Review by the Security group before any change' },
  ],
  negation: {
    before: ['no', 'not', 'dont', 'doesnt', 'isnt', 'arent', 'never', 'without', 'nothing', 'neednt', 'nicht', 'kein', 'keine', 'keinen', 'nie'],
    after: ['nicht'],
    window: 4,
  },
  levels: {
    elevated: { atScore: 3, requires: ['two_methods'] },
    high: { atScore: 6, requires: ['manager_approval', 'security_review'] },
  },
  rules: [
    { id: 'urgency', kind: 'text', label: 'Pressure to hurry', category: 'urgency', weight: 2, match: { kind: 'phrases', phrases: URGENCY } },
    { id: 'executive-title', kind: 'text', label: 'Claims to be, or to speak for, a senior executive', category: 'authority', weight: 2, match: { kind: 'pattern', source: EXECUTIVE_TITLE, negatable: false } },
    { id: 'rank-pressure', kind: 'text', label: 'Leans on rank, an approval not on record, or consequences', category: 'authority', weight: 2, match: { kind: 'phrases', phrases: RANK_PRESSURE } },
    { id: 'secrecy', kind: 'text', label: 'Asks to keep the request quiet', category: 'secrecy', weight: 3, requires: ['manager_approval'], match: { kind: 'phrases', phrases: SECRECY, negatable: false } },
    { id: 'new-contact', kind: 'text', label: 'Asks to use a new or different number or address', category: 'new-contact', weight: 3, requires: ['two_methods'], match: { kind: 'phrases', phrases: NEW_CONTACT } },
    { id: 'secret-handover', kind: 'text', label: 'Asks for a code or password to be passed on', category: 'secret-handover', weight: 3, requires: ['two_methods'], match: { kind: 'phrases', phrases: SECRET_HANDOVER } },
    { id: 'bypass-checks', kind: 'text', label: 'Asks to skip or soften verification', category: 'bypass-checks', weight: 3, requires: ['two_methods'], match: { kind: 'phrases', phrases: BYPASS, negatable: false } },
    { id: 'outside-caller', kind: 'text', label: 'Says they are a vendor, another IT team or security', category: 'impersonation', weight: 2, requires: ['two_methods'], match: { kind: 'phrases', phrases: IMPERSONATION } },
    { id: 'recent-contact-change', kind: 'context', label: 'Contact details changed recently', category: 'recent-contact-change', weight: 3, requires: ['two_methods'], when: { type: 'at-most', field: 'contactChangedDaysAgo', value: 7 } },
    { id: 'privileged-target', kind: 'context', label: 'The account is privileged', category: 'privileged-target', weight: 2, requires: ['two_methods'], when: { type: 'is-true', field: 'targetPrivileged' } },
    { id: 'after-hours', kind: 'context', label: 'Outside business hours', category: 'after-hours', weight: 1, when: { type: 'outside-hours', fromHour: 7, untilHour: 19, days: ['mon', 'tue', 'wed', 'thu', 'fri'] } },
    { id: 'repeated-attempts', kind: 'context', label: 'Several requests for this account today', category: 'repeated-attempts', weight: 2, when: { type: 'at-least', field: 'previousAttemptsLast24h', value: 2 } },
    { id: 'repeat-mfa-reset', kind: 'context', label: 'A second MFA reset of this account within 24 hours', category: 'repeat-mfa-reset', weight: 6, requires: ['security_review'], when: { type: 'at-least', field: 'mfaResetsLast24h', value: 1 } },
    { id: 'pressure-combination', kind: 'combination', label: 'Hurry, rank and secrecy together', category: 'combined-pressure', weight: 2, requires: ['security_review'], categories: ['urgency', 'authority', 'secrecy'], atLeast: 2 },
  ],
};

/** The rule set a new desk starts with (version 1); admins edit copies of it. */
// Parsed at load so a mistake in the defaults fails every test at once; marked pure so a
// bundle that never uses the rules (the web app) can drop them.
export const DEFAULT_SIGNAL_RULE_SET: SignalRuleSet = /* @__PURE__ */ SignalRuleSet.parse(DEFAULT_RULE_SET_INPUT);
