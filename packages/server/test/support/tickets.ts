import { ApiError, type ApiClient, type CreateTicketBody, type Problem, type Ticket } from '@deskside/shared';
import { expect } from 'vitest';

/** A plausible ticket body; tests override what they care about. */
export function ticketInput(overrides: Partial<CreateTicketBody> = {}): CreateTicketBody {
  return {
    type: 'incident',
    subject: 'Laptop cannot reach the VPN',
    description: 'Since this morning the VPN client times out at "connecting".',
    impact: 3,
    urgency: 2,
    ...overrides,
  };
}

/** Opens a ticket through the API as the given client. */
export function createTicket(api: ApiClient, overrides: Partial<CreateTicketBody> = {}, idempotencyKey?: string): Promise<Ticket> {
  return api.createTicket(ticketInput(overrides), idempotencyKey);
}

/** An ISO time `minutes` from now: a promise the desk can make. */
export function inMinutes(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString();
}

export const RESOLUTION = {
  symptom: 'VPN client hangs at connecting',
  cause: 'Expired machine certificate',
  resolution: 'Renewed the machine certificate and re-enrolled the device',
  category: 'Network/VPN',
} as const;

/** Acknowledges a new ticket with a restatement and a promise an hour out. */
export function acknowledge(agent: ApiClient, t: Ticket): Promise<Ticket> {
  return agent.acknowledge(t.id, { restatement: 'You cannot connect to the VPN from home', nextUpdateAt: inMinutes(60) }, t.version);
}

/** Walks a new ticket through acknowledge and resolve (skipping restore), as an agent. */
export async function resolvedTicket(agent: ApiClient, t: Ticket): Promise<Ticket> {
  const acked = await acknowledge(agent, t);
  return agent.resolve(acked.id, RESOLUTION, acked.version);
}

/** Expects the call to fail with this status; returns the problem document for further checks. */
export async function expectProblem(call: Promise<unknown>, status: number): Promise<Problem> {
  const error = await call.then(
    (value) => {
      throw new Error(`expected HTTP ${status}, but the call succeeded with ${JSON.stringify(value)?.slice(0, 300)}`);
    },
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw error;
  expect(error.status, error.message).toBe(status);
  expect(error.problem.status).toBe(status);
  return error.problem;
}
