import type { ApiToken, CreateTokenBody, LoginBody, LoginResult, Me, MfaStatus, RecoveryCodes, SetupBody, TotpEnrolment } from '../contracts/auth.js';
import type { Problem } from '../contracts/common.js';
import type { CreateUserBody, Group, Person, PersonEvent, UpdatePersonBody } from '../contracts/people.js';
import type { Calendar, CalendarList, CreateCalendarInput, UpdateCalendarBody } from '../contracts/calendars.js';
import type { CreateSlaPolicyInput, SlaPolicyList, SlaPolicyView, UpdateSlaPolicyBody } from '../contracts/sla-policies.js';
import type { DeskSettings, UpdateDeskSettingsBody } from '../contracts/settings.js';
import type { MarkNotificationsReadBody, MarkNotificationsReadResult, NotificationList } from '../contracts/notifications.js';
import type {
  AcknowledgeBody,
  AssignBody,
  CommentBody,
  CreateTicketBody,
  PendBody,
  ReopenBody,
  ReportProblemBody,
  ResolveBody,
  RestoreBody,
  Ticket,
  TicketEvent,
  TicketList,
  UpdateTicketBody,
} from '../contracts/tickets.js';

/** A failed call, carrying the server's problem document. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

export interface ApiClientOptions {
  baseUrl?: string;
  /** Bearer token for integrations; browsers use the session cookie and CSRF token instead. */
  token?: string;
  fetch?: typeof fetch;
}

export type QueueParams = Record<string, string | number | undefined>;

/** Typed client for the Deskside HTTP API, shared by the web app, the CLI and tests. */
export class ApiClient {
  csrfToken: string | null = null;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (this.options.token) h.authorization = `Bearer ${this.options.token}`;
    else if (method !== 'GET' && this.csrfToken) h['x-csrf-token'] = this.csrfToken;
    const res = await this.fetchImpl(this.baseUrl + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const problem = (json ?? { type: 'about:blank', title: res.statusText, status: res.status }) as Problem;
      throw new ApiError(problem);
    }
    return json as T;
  }

  private ticketAction<T = Ticket>(id: number | string, action: string, body: unknown, version?: number) {
    const headers: Record<string, string> = version === undefined ? {} : { 'if-match': `"${version}"` };
    return this.request<T>('POST', `/api/v1/tickets/${id}/${action}`, body, headers);
  }

  /** The password step; with two-factor sign-in on, the answer is a challenge that `loginWithCode` completes. */
  async login(body: LoginBody): Promise<LoginResult> {
    const result = await this.request<LoginResult>('POST', '/api/v1/auth/login', body);
    if ('user' in result) this.csrfToken = result.csrfToken;
    return result;
  }
  async loginWithCode(code: string): Promise<Me> {
    const me = await this.request<Me>('POST', '/api/v1/auth/login/mfa', { code });
    this.csrfToken = me.csrfToken;
    return me;
  }
  mfaStatus() {
    return this.request<MfaStatus>('GET', '/api/v1/account/mfa');
  }
  startTotpEnrolment() {
    return this.request<TotpEnrolment>('POST', '/api/v1/account/mfa/totp', {});
  }
  confirmTotpEnrolment(code: string) {
    return this.request<RecoveryCodes>('POST', '/api/v1/account/mfa/totp/confirm', { code });
  }
  verifyMfa(code: string) {
    return this.request<void>('POST', '/api/v1/account/mfa/verify', { code });
  }
  renewRecoveryCodes(code: string) {
    return this.request<RecoveryCodes>('POST', '/api/v1/account/mfa/recovery-codes', { code });
  }
  turnOffTotp(code: string) {
    return this.request<void>('POST', '/api/v1/account/mfa/disable', { code });
  }
  resetPersonMfa(personId: number) {
    return this.request<void>('POST', `/api/v1/people/${personId}/mfa/reset`, {});
  }
  async logout(): Promise<void> {
    await this.request('POST', '/api/v1/auth/logout', {});
    this.csrfToken = null;
  }
  async me(): Promise<Me> {
    const me = await this.request<Me>('GET', '/api/v1/me');
    this.csrfToken = me.csrfToken;
    return me;
  }
  setupStatus() {
    return this.request<{ needsSetup: boolean }>('GET', '/api/v1/setup');
  }
  async setup(body: SetupBody): Promise<Me> {
    const me = await this.request<Me>('POST', '/api/v1/setup', body);
    this.csrfToken = me.csrfToken;
    return me;
  }

  listTickets(params: QueueParams = {}) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
    const suffix = qs.size ? `?${qs}` : '';
    return this.request<TicketList>('GET', `/api/v1/tickets${suffix}`);
  }
  createTicket(body: CreateTicketBody, idempotencyKey?: string) {
    const headers: Record<string, string> = idempotencyKey ? { 'idempotency-key': idempotencyKey } : {};
    return this.request<Ticket>('POST', '/api/v1/tickets', body, headers);
  }
  reportProblem(body: ReportProblemBody, idempotencyKey?: string) {
    const headers: Record<string, string> = idempotencyKey ? { 'idempotency-key': idempotencyKey } : {};
    return this.request<Ticket>('POST', '/api/v1/portal/tickets', body, headers);
  }
  getTicket(id: number | string) {
    return this.request<Ticket>('GET', `/api/v1/tickets/${id}`);
  }
  updateTicket(id: number | string, body: UpdateTicketBody, version?: number) {
    const headers: Record<string, string> = version === undefined ? {} : { 'if-match': `"${version}"` };
    return this.request<Ticket>('PATCH', `/api/v1/tickets/${id}`, body, headers);
  }
  ticketEvents(id: number | string) {
    return this.request<{ items: TicketEvent[] }>('GET', `/api/v1/tickets/${id}/events`);
  }
  acknowledge(id: number | string, body: AcknowledgeBody, version?: number) {
    return this.ticketAction(id, 'acknowledge', body, version);
  }
  comment(id: number | string, body: CommentBody, version?: number) {
    return this.ticketAction(id, 'comments', body, version);
  }
  assign(id: number | string, body: AssignBody, version?: number) {
    return this.ticketAction(id, 'assign', body, version);
  }
  accept(id: number | string, version?: number) {
    return this.ticketAction(id, 'accept', {}, version);
  }
  start(id: number | string, version?: number) {
    return this.ticketAction(id, 'start', {}, version);
  }
  pend(id: number | string, body: PendBody, version?: number) {
    return this.ticketAction(id, 'pend', body, version);
  }
  restore(id: number | string, body: RestoreBody, version?: number) {
    return this.ticketAction(id, 'restore', body, version);
  }
  resolve(id: number | string, body: ResolveBody, version?: number) {
    return this.ticketAction(id, 'resolve', body, version);
  }
  confirm(id: number | string, version?: number) {
    return this.ticketAction(id, 'confirm', {}, version);
  }
  reopen(id: number | string, body: ReopenBody, version?: number) {
    return this.ticketAction(id, 'reopen', body, version);
  }

  people(params: { q?: string; role?: string; status?: 'active' | 'inactive' | 'any'; limit?: number } = {}) {
    const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v).map(([k, v]) => [k, String(v)]));
    return this.request<{ items: Person[]; mfaOn?: number[] }>('GET', `/api/v1/people${qs.size ? `?${qs}` : ''}`);
  }
  person(id: number) {
    return this.request<Person>('GET', `/api/v1/people/${id}`);
  }
  createUser(body: CreateUserBody) {
    return this.request<Person>('POST', '/api/v1/people', body);
  }
  updatePerson(id: number, body: UpdatePersonBody, version?: number) {
    const headers: Record<string, string> = version === undefined ? {} : { 'if-match': `"${version}"` };
    return this.request<Person>('PATCH', `/api/v1/people/${id}`, body, headers);
  }
  personEvents(id: number) {
    return this.request<{ items: PersonEvent[] }>('GET', `/api/v1/people/${id}/events`);
  }
  groups() {
    return this.request<{ items: Group[] }>('GET', '/api/v1/groups');
  }
  settings() {
    return this.request<DeskSettings>('GET', '/api/v1/settings');
  }
  updateSettings(body: UpdateDeskSettingsBody) {
    return this.request<DeskSettings>('PATCH', '/api/v1/settings', body);
  }
  calendars() {
    return this.request<CalendarList>('GET', '/api/v1/calendars');
  }
  calendar(id: number) {
    return this.request<Calendar>('GET', `/api/v1/calendars/${id}`);
  }
  createCalendar(body: CreateCalendarInput) {
    return this.request<Calendar>('POST', '/api/v1/calendars', body);
  }
  updateCalendar(id: number, body: UpdateCalendarBody, version?: number) {
    const headers: Record<string, string> = version === undefined ? {} : { 'if-match': `"${version}"` };
    return this.request<Calendar>('PATCH', `/api/v1/calendars/${id}`, body, headers);
  }
  slaPolicies() {
    return this.request<SlaPolicyList>('GET', '/api/v1/sla-policies');
  }
  slaPolicy(id: number) {
    return this.request<SlaPolicyView>('GET', `/api/v1/sla-policies/${id}`);
  }
  createSlaPolicy(body: CreateSlaPolicyInput) {
    return this.request<SlaPolicyView>('POST', '/api/v1/sla-policies', body);
  }
  updateSlaPolicy(id: number, body: UpdateSlaPolicyBody, version?: number) {
    const headers: Record<string, string> = version === undefined ? {} : { 'if-match': `"${version}"` };
    return this.request<SlaPolicyView>('PATCH', `/api/v1/sla-policies/${id}`, body, headers);
  }
  tokens() {
    return this.request<{ items: ApiToken[] }>('GET', '/api/v1/tokens');
  }
  createToken(body: CreateTokenBody) {
    return this.request<ApiToken & { token: string }>('POST', '/api/v1/tokens', body);
  }
  revokeToken(id: number) {
    return this.request<void>('DELETE', `/api/v1/tokens/${id}`);
  }
  notifications(params: { unreadOnly?: boolean; before?: number; limit?: number } = {}) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) qs.set(k, String(v));
    return this.request<NotificationList>('GET', `/api/v1/notifications${qs.size ? `?${qs}` : ''}`);
  }
  markNotificationsRead(body: MarkNotificationsReadBody) {
    return this.request<MarkNotificationsReadResult>('POST', '/api/v1/notifications/read', body);
  }
}
