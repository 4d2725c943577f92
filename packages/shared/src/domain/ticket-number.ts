/** Human ticket numbers: INC-000123 for incidents, REQ-000045 for service requests. */
export const TICKET_TYPES = ['incident', 'service_request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const TICKET_PREFIX: Record<TicketType, string> = { incident: 'INC', service_request: 'REQ' };

export function formatTicketNumber(type: TicketType, sequence: number): string {
  return `${TICKET_PREFIX[type]}-${String(sequence).padStart(6, '0')}`;
}

export const TICKET_NUMBER_PATTERN = /^(INC|REQ)-\d{6,}$/;

export function isTicketNumber(value: string): boolean {
  return TICKET_NUMBER_PATTERN.test(value);
}
