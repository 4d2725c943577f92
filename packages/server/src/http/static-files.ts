import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const DOCS_DIR = new URL('../../assets/api-docs/', import.meta.url).pathname;

/** The built web app (desk and portal, one single-page app) and the API docs page. */
export async function registerStaticFiles(app: FastifyInstance, webDist: string): Promise<boolean> {
  await app.register(fastifyStatic, { root: DOCS_DIR, prefix: '/api/docs/', decorateReply: false, index: false });
  app.get('/api/docs', (_req, reply) => reply.redirect('/api/docs/index.html'));
  if (!existsSync(join(webDist, 'index.html'))) {
    app.get('/', (_req, reply) => reply.type('text/plain').send('The web app is not built yet: run npm run build, then reload.'));
    return false;
  }
  await app.register(fastifyStatic, {
    root: webDist,
    prefix: '/',
    // Looked up per request rather than globbed at start: a rebuild under a running server
    // (new hashed asset names) must not leave browsers with 404s until a restart.
    wildcard: true,
    index: ['index.html'],
    // Hashed assets never change; index.html must always be fresh.
    setHeaders: (res, path) => res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return true;
}

/** Deep links into the app (e.g. /desk/tickets/INC-000001) load index.html; the router takes over. */
export function isAppRoute(method: string, url: string): boolean {
  return method === 'GET' && !url.startsWith('/api/') && !/\.\w+(\?|$)/.test(url);
}
