import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TICKET_TYPES, formatTicketNumber, isTicketNumber } from './ticket-number.js';

describe('ticket numbers', () => {
  it('read INC-000123 and REQ-000045', () => {
    expect(formatTicketNumber('incident', 123)).toBe('INC-000123');
    expect(formatTicketNumber('service_request', 45)).toBe('REQ-000045');
    expect(formatTicketNumber('incident', 1_234_567)).toBe('INC-1234567');
  });

  it('are recognised, distinct per type and sequence, and keep sorting by sequence up to a million', () => {
    const type = fc.constantFrom(...TICKET_TYPES);
    const seq = fc.integer({ min: 1, max: 999_999 });
    fc.assert(
      fc.property(type, seq, seq, (t, a, b) => {
        expect(isTicketNumber(formatTicketNumber(t, a))).toBe(true);
        expect(formatTicketNumber(t, a) === formatTicketNumber(t, b)).toBe(a === b);
        expect(formatTicketNumber(t, a) < formatTicketNumber(t, b)).toBe(a < b);
      }),
    );
    for (const bad of ['INC-12345', 'inc-000001', 'PRB-000001', 'INC000001', 'INC-00000a']) expect(isTicketNumber(bad)).toBe(false);
  });
});
