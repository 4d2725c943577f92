import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TokenScope } from '@deskside/shared';
import type { z } from 'zod';
import { type Actor, hasScope } from '../modules/identity/index.js';
import { DomainError, forbidden, unauthorized } from '../errors.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One API operation: its contract (used for validation and OpenAPI) and its handler. */
export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  /** 'public' routes run without a signed-in actor. */
  auth?: 'public' | 'signed-in';
  scope?: TokenScope;
  body?: B;
  query?: Q;
  params?: P;
  response?: z.ZodType;
  status?: number;
  headers?: Record<string, string>;
  handler: (input: {
    actor: Actor;
    body: z.output<B>;
    query: z.output<Q>;
    params: z.output<P>;
    req: FastifyRequest;
    reply: FastifyReply;
  }) => Promise<unknown>;
}

/**
 * Collected route contracts, turned into the OpenAPI document. Keyed by method and path:
 * every server built in one process (tests build many) registers the same routes again.
 */
export const routeRegistry = new Map<string, RouteSpec<z.ZodType, z.ZodType, z.ZodType>>();

/** Validates against a schema, or fails with a 400 that names each offending field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    // An unknown key is named where it was found: body.policy.vipBypass, not body.vipBypass.
    const keys = (issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys.join(', ')] : issue.path).join('.');
    const message =
      issue.code === 'unrecognized_keys' ? 'unknown field' : issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return { field: keys ? `${where}.${keys}` : where, message };
  });
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  throw Object.assign(new DomainError(400, 'Bad Request', detail, { field: errors[0]?.field ?? where }), { errors });
}

/** Registers a route whose handler reads one line per layer: the checks happen here. */
export function defineRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  app: FastifyInstance,
  spec: RouteSpec<B, Q, P>,
): void {
  routeRegistry.set(`${spec.method} ${spec.url}`, spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType>);
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (req, reply) => {
      const actor = req.actor;
      if (spec.auth !== 'public') {
        if (!actor) throw unauthorized();
        if (spec.scope && !hasScope(actor, spec.scope)) throw forbidden(`This token lacks the ${spec.scope} scope`);
      }
      const body = spec.body ? parseOrThrow(spec.body, req.body ?? {}, 'body') : undefined;
      const query = spec.query ? parseOrThrow(spec.query, req.query ?? {}, 'query') : undefined;
      const params = spec.params ? parseOrThrow(spec.params, req.params ?? {}, 'path') : undefined;
      const result = await spec.handler({ actor: actor!, body, query, params, req, reply } as never);
      if (reply.sent) return reply;
      if (result === undefined) return reply.code(204).send();
      return reply.code(spec.status ?? 200).send(result);
    },
  });
}
