import { ApiClient, ApiError, type Me, type Person, type Role } from '@deskside/shared';

/** The one API client of the browser session; it keeps the CSRF token that sign-in returns. */
export const api = new ApiClient();

/** Query keys in one place so live updates and mutations invalidate the same things. */
export const queryKeys = {
  me: ['me'] as const,
  ticketLists: ['tickets'] as const,
  ticketList: (scope: string, params: object) => ['tickets', scope, params] as const,
  ticket: (ref: string) => ['ticket', ref] as const,
  ticketEvents: (ref: string) => ['ticket', ref, 'events'] as const,
  people: (q: string, role?: Role) => ['people', q, role ?? 'any'] as const,
  staff: ['staff'] as const,
  groups: ['groups'] as const,
  settings: ['settings'] as const,
  notifications: ['notifications'] as const,
};

export function isStaffRole(role: Role): boolean {
  return role !== 'requester';
}

/** Where a person lands after signing in. */
export function homePathFor(me: Me): '/desk' | '/portal' {
  return isStaffRole(me.user.role) ? '/desk' : '/portal';
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/**
 * Everyone who can work tickets (agents, leads, admins). The shared client has no
 * limit parameter on people(), so this asks for the maximum page per role.
 */
export async function fetchStaff(): Promise<Person[]> {
  const roles: Role[] = ['agent', 'lead', 'admin'];
  const lists = await Promise.all(
    roles.map((role) => api.request<{ items: Person[] }>('GET', `/api/v1/people?role=${role}&limit=100`)),
  );
  return lists.flatMap((list) => list.items).sort((a, b) => a.name.localeCompare(b.name));
}
