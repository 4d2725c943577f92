import { Job, JobList, JobRef, ListJobsQuery } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { forbidden } from '../../errors.js';
import { discardJob, listJobs, presentJob, retryJob } from '../../jobs/index.js';
import { isAdmin } from '../../modules/identity/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';

export function jobRoutes(app: FastifyInstance, ctx: AppContext): void {
  const adminOnly = (actor: Parameters<typeof isAdmin>[0]) => {
    if (!isAdmin(actor)) throw forbidden('Only admins see and manage background jobs');
  };
  const present = (row: Parameters<typeof presentJob>[0]) => presentJob(row, ctx.config.jobMaxAttempts);

  defineRoute(app, {
    method: 'GET', url: '/api/v1/admin/jobs', tag: 'Jobs', scope: 'admin',
    summary: 'Background jobs, newest first; ?status=dead is the dead-letter list (admins)',
    query: ListJobsQuery, response: JobList,
    handler: async ({ actor, query }) => {
      adminOnly(actor);
      const page = await listJobs(ctx.db, query);
      return { items: page.rows.map(present), nextBefore: page.nextBefore };
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/admin/jobs/:id/retry', tag: 'Jobs', scope: 'admin',
    summary: 'Queue a dead job again, due now, with fresh attempts (admins); 409 unless it is dead',
    params: JobRef, response: Job,
    handler: async ({ actor, params }) => {
      adminOnly(actor);
      return present(await ctx.db.transaction().execute((tx) => retryJob(tx, params.id, ctx.now())));
    },
  });

  defineRoute(app, {
    method: 'POST', url: '/api/v1/admin/jobs/:id/discard', tag: 'Jobs', scope: 'admin',
    summary: 'Delete a dead job for good (admins); 409 unless it is dead',
    params: JobRef,
    handler: async ({ actor, params }) => {
      adminOnly(actor);
      await ctx.db.transaction().execute((tx) => discardJob(tx, params.id));
      return undefined;
    },
  });
}
