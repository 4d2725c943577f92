import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import type { AppContext } from '../app-context.js';

/** Liveness, readiness and metrics: unauthenticated, as orchestrators expect. */
export function opsRoutes(app: FastifyInstance, ctx: AppContext, registry: Registry): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await sql`SELECT 1`.execute(ctx.db);
      return { status: 'ready', database: ctx.dialect };
    } catch {
      return reply.code(503).type('application/problem+json').send({
        type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'The database is not reachable',
      });
    }
  });
  app.get('/metrics', async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
}
