import type { AccessRequestList, AccessRequestView, DirectoryPeopleList, OpenAccessRequestBody } from '@deskside/shared';
import { api, isApiError } from '../../lib/api';

/** The one request the desk shows, as the server last described it. */
export const accessRequestKey = (id: string) => ['access-request', id] as const;

export const fetchAccessRequest = (id: string) => api.request<AccessRequestView>('GET', `/api/v1/access-requests/${id}`);

export const openAccessRequest = (ticketId: number, body: OpenAccessRequestBody) =>
  api.request<AccessRequestView>('POST', `/api/v1/tickets/${ticketId}/access-requests`, body);

export const accessStep = (id: string, step: string, body: object = {}) =>
  api.request<AccessRequestView>('POST', `/api/v1/access-requests/${id}/${step}`, body);

export const searchDirectoryPeople = (q: string) =>
  api.request<DirectoryPeopleList>('GET', `/api/v1/directory/people?q=${encodeURIComponent(q)}&limit=10`);

/** The server refuses identity actions without a recent two-factor sign-in with a 403 that says so. */
export function needsRecentMfa(error: unknown): boolean {
  return isApiError(error, 403) && /two-factor|confirm it is you/i.test(error.problem.detail ?? '');
}

export const ticketAccessRequestsKey = (ticketId: number) => ['ticket-access-requests', ticketId] as const;

/** The ticket's identity actions, newest first; the server shows them only to staff who work the ticket. */
export const fetchTicketAccessRequests = (ticketId: number) =>
  api.request<AccessRequestList>('GET', `/api/v1/tickets/${ticketId}/access-requests`).then((r) => r.items);
