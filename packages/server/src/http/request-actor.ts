import '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.js';
import { forbidden } from '../errors.js';
import { type Actor, actorFromSession, actorFromToken } from '../modules/identity/index.js';
import { sameSecret } from '../modules/identity/tokens.js';

export const SESSION_COOKIE = 'deskside_session';
/** The five-minute state between a right password and the code (two-factor sign-in). */
export const MFA_COOKIE = 'deskside_mfa';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// These start a new session, or (a password reset by link) act by their own token, rather than in
// the current session; the Origin check still applies.
const SESSION_STARTERS = new Set(['/api/v1/auth/login', '/api/v1/auth/login/mfa', '/api/v1/setup', '/api/v1/password-reset', '/api/v1/access-verification', '/api/v1/access-verification/lookup']);

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    csrfToken?: string;
  }
}

/**
 * Works out who is calling (session cookie or bearer token) before any handler
 * runs, and refuses cross-site writes: cookie sessions must echo their CSRF
 * token, and a browser's Origin must be our own.
 */
export function registerRequestActor(app: FastifyInstance, db: Db, now: () => number): void {
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    assertSameOrigin(req);
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.actor = await actorFromToken(db, auth.slice(7).trim(), now());
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const session = await actorFromSession(db, cookie, now());
    if (!session) return;
    req.actor = session.actor;
    req.csrfToken = session.csrfToken;
    if (UNSAFE.has(req.method) && !SESSION_STARTERS.has(req.url.split('?')[0]!)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
        throw forbidden('Missing or wrong x-csrf-token header; reload the page and try again');
      }
    }
  });
}

function assertSameOrigin(req: FastifyRequest): void {
  const origin = req.headers.origin;
  if (!origin || !UNSAFE.has(req.method)) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw forbidden('Unreadable Origin header');
  }
  if (host !== req.headers.host) throw forbidden('Cross-site requests are not accepted');
}
