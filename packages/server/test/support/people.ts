import { randomBytes } from 'node:crypto';
import { ApiClient, type Role } from '@deskside/shared';
import { createUser, findGroupByName } from '../../src/modules/identity/index.js';
import { SESSION_COOKIE } from '../../src/http/request-actor.js';
import type { TestNode } from './test-desk.js';

export const PASSWORD = 'correct horse battery staple';

export interface TestPerson {
  id: number;
  email: string;
  name: string;
  role: Role;
  password: string;
  groupIds: number[];
}

/** Adds a person through the real createUser use case, in the named groups. */
export async function createPerson(
  node: TestNode,
  opts: { role?: Role; groupNames?: string[]; name?: string; email?: string; password?: string } = {},
): Promise<TestPerson> {
  const role = opts.role ?? 'requester';
  const tag = randomBytes(4).toString('hex');
  const email = opts.email ?? `${role}-${tag}@example.test`;
  const name = opts.name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${tag}`;
  const password = opts.password ?? PASSWORD;
  return node.db.transaction().execute(async (tx) => {
    const groupIds: number[] = [];
    for (const groupName of opts.groupNames ?? []) {
      const group = await findGroupByName(tx, groupName);
      if (!group) throw new Error(`test setup: no group named ${groupName}`);
      groupIds.push(group.id);
    }
    const user = await createUser(tx, { email, name, role, password, groupIds, now: Date.now() });
    return { id: user.id, email, name, role, password, groupIds };
  });
}

/** A fetch that keeps the session cookie the way a browser would, for one signed-in person. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  constructor(private readonly base: typeof fetch) {}

  readonly fetch: typeof fetch = async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0 && !headers.has('cookie')) headers.set('cookie', this.header());
    const res = await this.base(input, { ...init, headers });
    for (const line of res.headers.getSetCookie()) this.store(line);
    return res;
  };

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get session(): string | undefined {
    return this.cookies.get(SESSION_COOKIE);
  }

  private store(line: string): void {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    const expires = attributes.find((a) => /^expires=/i.test(a));
    const maxAge = attributes.find((a) => /^max-age=/i.test(a));
    const expired =
      value === '' ||
      (maxAge !== undefined && Number(maxAge.split('=')[1]) <= 0) ||
      (expires !== undefined && Date.parse(expires.slice(8)) <= Date.now());
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** The typed API client of one browser-like session: cookie jar plus CSRF token. */
export class SessionClient extends ApiClient {
  constructor(
    readonly node: TestNode,
    readonly jar: CookieJar,
  ) {
    super({ baseUrl: node.baseUrl, fetch: jar.fetch });
  }

  /** A raw call in this session (cookie sent; CSRF token only when asked), for header-level checks. */
  raw(path: string, init: RequestInit & { csrf?: boolean } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.csrf && this.csrfToken) headers.set('x-csrf-token', this.csrfToken);
    if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return this.jar.fetch(this.node.baseUrl + path, { ...init, headers });
  }
}

/** Signs in over HTTP with e-mail and password, as the login form does. */
export async function signIn(node: TestNode, email: string, password: string): Promise<SessionClient> {
  const client = new SessionClient(node, new CookieJar(node.fetch));
  await client.login({ email, password });
  return client;
}

/** A new person, signed in: the usual start of a test. */
export async function signedIn(
  node: TestNode,
  opts: Parameters<typeof createPerson>[1] = {},
): Promise<{ person: TestPerson; api: SessionClient }> {
  const person = await createPerson(node, opts);
  return { person, api: await signIn(node, person.email, person.password) };
}

/** An agent of the Service Desk (the intake group new tickets land in) and a requester, both signed in. */
export async function agentAndRequester(node: TestNode) {
  const agent = await signedIn(node, { role: 'agent', groupNames: ['Service Desk'] });
  const requester = await signedIn(node, { role: 'requester' });
  return { agent, requester };
}

/** A client for an integration token (no cookie, no CSRF). */
export function tokenClient(node: TestNode, token: string): ApiClient {
  return new ApiClient({ baseUrl: node.baseUrl, token, fetch: node.fetch });
}
