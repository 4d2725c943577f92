import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError } from '../errors.js';

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'urn:deskside:problem:invalid-request',
  401: 'urn:deskside:problem:unauthenticated',
  403: 'urn:deskside:problem:forbidden',
  404: 'urn:deskside:problem:not-found',
  409: 'urn:deskside:problem:conflict',
  410: 'urn:deskside:problem:gone',
  412: 'urn:deskside:problem:stale-version',
  413: 'urn:deskside:problem:too-large',
  415: 'urn:deskside:problem:unsupported-media-type',
  422: 'urn:deskside:problem:unprocessable',
  429: 'urn:deskside:problem:rate-limited',
};

/** Every failure leaves as application/problem+json; unexpected ones say nothing about internals. */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError, req, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) req.log.error({ err: error }, 'request failed');
    return reply.code(problem.status).type('application/problem+json').send(problem);
  });
}

function toProblem(error: FastifyError | DomainError) {
  if (error instanceof DomainError) {
    const errors = (error as DomainError & { errors?: unknown }).errors ??
      (error.extra.field ? [{ field: error.extra.field, message: error.message }] : undefined);
    return {
      type: TYPE_BY_STATUS[error.status] ?? 'about:blank',
      title: error.title,
      status: error.status,
      detail: error.message,
      ...(errors ? { errors } : {}),
      ...(error.extra.allowed ? { allowed: error.extra.allowed } : {}),
    };
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'Something went wrong on our side; it has been logged' };
  const detail =
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? 'The request body is larger than this desk accepts'
      : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'Send JSON with content-type: application/json'
        : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
          ? 'The body is not valid JSON'
          : error.message;
  const field = status === 413 || status === 400 || status === 415 ? 'body' : undefined;
  return {
    type: TYPE_BY_STATUS[status] ?? 'about:blank',
    title: status === 413 ? 'Content Too Large' : status === 415 ? 'Unsupported Media Type' : 'Bad Request',
    status,
    detail,
    ...(field ? { errors: [{ field, message: detail }] } : {}),
  };
}
