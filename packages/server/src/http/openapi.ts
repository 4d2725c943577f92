import { z } from 'zod';
import { Problem } from '@deskside/shared';
import { routeRegistry, type RouteSpec } from './route.js';

type Json = Record<string, unknown>;

/** Converts a zod schema, moving its shared definitions into components so $refs resolve in the document. */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  const defs = (json.$defs ?? {}) as Json;
  delete json.$defs;
  delete json.$schema;
  Object.assign(components, defs);
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
}

function operation(spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>, components: Json): Json {
  const parameters: Json[] = [];
  for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input', components);
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((json.properties ?? {}) as Json)) {
      parameters.push({ name, in: where, required: where === 'path' || required.has(name), schema: property });
    }
  }
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  const ok = spec.response
    ? { description: 'Success', content: { 'application/json': { schema: toSchema(spec.response, 'output', components) } } }
    : { description: 'Success' };
  return {
    summary: spec.summary,
    tags: [spec.tag],
    operationId: `${spec.method.toLowerCase()}${spec.url.replace(/[/:{}-]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(spec.body, 'input', components) } } } } : {}),
    responses: { [String(spec.status ?? 200)]: ok, default: { description: 'A problem (RFC 9457)', content: problem } },
    ...(spec.auth === 'public' ? { security: [] } : {}),
  };
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApi(): Json {
  const components: Json = {};
  toSchema(Problem, 'output', components);
  const paths: Record<string, Json> = {};
  for (const spec of routeRegistry.values()) {
    const path = spec.url.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [spec.method.toLowerCase()]: operation(spec, components) };
  }
  components.Problem ??= toSchema(Problem, 'output', {});
  return {
    openapi: '3.1.0',
    info: { title: 'Deskside API', version: '1', description: 'The IT service desk API. Errors are application/problem+json.' },
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'deskside_session', description: 'Browser session; send x-csrf-token on writes' },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token (dsk_...)' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
  };
}
