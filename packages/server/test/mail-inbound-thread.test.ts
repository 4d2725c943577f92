import { describe, expect, it } from 'vitest';
import {
  parseInboundMessage,
  resolveThread,
  type ThreadContext,
  type ThreadLookups,
  type ThreadMessage,
} from '../src/modules/mail/inbound/index.js';
import { loadEml } from './fixtures/eml/load-fixture.js';

// A desk with ticket 123 (INC-000123) requested by Priya, and ticket 45 (REQ-000045).
const lookups: ThreadLookups = {
  ticketByMessageId: (id) =>
    ({ 'inc-000123.ack.1@desk.example.org': 123, 'CAF3x9vPq-7Lr2@mail.example.com': 123, 'req-000045.reply.2@desk.example.org': 45 })[id] ?? null,
  ticketByReplyToken: async (token) => (token === 't7k2m9q4x1' ? 123 : token === 'r45r45r45r' ? 45 : null),
  ticketByNumber: (number) => ({ 'INC-000123': 123, 'REQ-000045': 45 })[number] ?? null,
  participantsOf: async (ticketId) =>
    ticketId === 123 ? ['priya.natarajan@example.com', 'agent.ava@example.org'] : ['ravi.kumar@example.com'],
};
const context: ThreadContext = { mailboxAddresses: ['Support@example.org'] };
const decide = async (fixture: string, ctx: ThreadContext = context) =>
  resolveThread(await parseInboundMessage(loadEml(fixture)), lookups, ctx);

const base: ThreadMessage = {
  from: { address: 'priya.natarajan@example.com', name: 'Priya' },
  to: [{ address: 'support@example.org', name: '' }],
  cc: [],
  subject: 'hello',
  inReplyTo: null,
  references: [],
};

describe('resolveThread on the fixtures', () => {
  it('threads a participant reply by In-Reply-To', async () => {
    expect(await decide('03-reply-in-reply-to')).toEqual({ kind: 'reply', ticketId: 123, via: 'in-reply-to' });
  });

  it('threads a reply that only carries the plus-address token', async () => {
    expect(await decide('04-reply-plus-address-only')).toEqual({ kind: 'reply', ticketId: 123, via: 'reply-token' });
  });

  it('threads by subject number when the sender takes part in the ticket', async () => {
    expect(await decide('05-subject-number-participant')).toEqual({ kind: 'reply', ticketId: 123, via: 'subject-number' });
  });

  it('opens a linked new ticket when a stranger quotes a ticket number', async () => {
    expect(await decide('06-subject-number-stranger')).toEqual({ kind: 'linked-new', relatedTicketId: 123, reason: 'not a participant' });
  });

  it('never lets an outside service join a ticket through a leaked reply address (the ticket trick)', async () => {
    expect(await decide('19-ticket-trick-password-reset')).toEqual({ kind: 'linked-new', relatedTicketId: 123, reason: 'not a participant' });
    expect(await decide('19-ticket-trick-password-reset', { ...context, nonParticipant: 'hold' })).toEqual({
      kind: 'hold',
      reason: 'not a participant of ticket 123',
    });
  });

  it('opens a new ticket for a new request', async () => {
    expect(await decide('01-new-request-plain')).toEqual({ kind: 'new' });
  });

  it('holds mail without a usable sender', async () => {
    expect(await decide('23-pathological-from')).toEqual({ kind: 'hold', reason: 'no usable sender address' });
  });
});

describe('resolveThread rules', () => {
  it('walks References newest first', async () => {
    const decision = await resolveThread(
      { ...base, references: ['unknown@example.com', 'CAF3x9vPq-7Lr2@mail.example.com', 'also-unknown@example.com'] },
      lookups,
      context,
    );
    expect(decision).toEqual({ kind: 'reply', ticketId: 123, via: 'references' });
  });

  it('holds a message whose headers and reply address disagree', async () => {
    const decision = await resolveThread(
      { ...base, inReplyTo: 'inc-000123.ack.1@desk.example.org', to: [{ address: 'support+r45r45r45r@example.org', name: '' }] },
      lookups,
      context,
    );
    expect(decision.kind).toBe('hold');
  });

  it('ignores plus-addresses of mailboxes that are not ours and tokens of the wrong shape', async () => {
    const other = await resolveThread({ ...base, to: [{ address: 'sales+t7k2m9q4x1@example.org', name: '' }] }, lookups, context);
    const short = await resolveThread({ ...base, to: [{ address: 'support+abc@example.org', name: '' }] }, lookups, context);
    expect([other, short]).toEqual([{ kind: 'new' }, { kind: 'new' }]);
  });

  it('holds mail that claims to come from the desk itself, a loop in the making', async () => {
    const own = await resolveThread({ ...base, from: { address: 'support@example.org', name: 'IT Support' } }, lookups, context);
    const plus = await resolveThread({ ...base, from: { address: 'support+t7k2m9q4x1@example.org', name: '' } }, lookups, context);
    expect(own.kind).toBe('hold');
    expect(plus.kind).toBe('hold');
  });

  it('finds the number in common subject shapes and not inside other words', async () => {
    for (const subject of ['[INC-000123] still broken', 'Re: inc-000123', 'AW: Fwd: (INC-000123)']) {
      expect(await resolveThread({ ...base, subject }, lookups, context)).toEqual({ kind: 'reply', ticketId: 123, via: 'subject-number' });
    }
    for (const subject of ['XINC-000123', 'INC-0001234', 'INC-000123a']) {
      expect(await resolveThread({ ...base, subject }, lookups, context)).toEqual({ kind: 'new' });
    }
  });

  it('treats an unknown number as a new request', async () => {
    expect(await resolveThread({ ...base, subject: 'INC-999999 help' }, lookups, context)).toEqual({ kind: 'new' });
  });
});
