import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { blobStoreFor, downloadHeadersFor } from '../../modules/attachments/index.js';
import { openAttachment } from '../../modules/tickets/index.js';
import type { AppContext } from '../app-context.js';
import { defineRoute } from '../route.js';
import { TicketRef } from './ticket-routes.js';

const AttachmentRef = TicketRef.extend({ attachmentId: z.coerce.number().int().positive() });

export function attachmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const store = blobStoreFor(ctx.config);

  defineRoute(app, {
    method: 'GET', url: '/api/v1/tickets/:id/attachments/:attachmentId', tag: 'Tickets', scope: 'tickets:read',
    summary: "Download a file from the timeline, always as an attachment (404 when its event is not the caller's to read)",
    params: AttachmentRef,
    handler: async ({ actor, params, reply }) => {
      const file = await openAttachment(ctx.db, store, actor, params.id, params.attachmentId);
      reply.headers(downloadHeadersFor(file));
      return file.stream;
    },
  });
}
