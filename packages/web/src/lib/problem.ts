import type { Problem } from '@deskside/shared';
import type { z } from 'zod';
import { isApiError } from './api';

/** Messages keyed by the form field they belong to ('' for the form as a whole). */
export type FieldErrors = Record<string, string>;

/** "body.priorityMatrix.0.1" -> "priorityMatrix.0.1": forms name fields without the request part. */
function fieldKey(field: string): string {
  return field.replace(/^(body|query|path)\.?/, '');
}

/** The server prefixes some messages with the field name; the form already shows which field. */
function plainMessage(field: string, message: string): string {
  const prefix = `${field}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

export function fieldErrorsFromProblem(problem: Problem): FieldErrors {
  const errors: FieldErrors = {};
  for (const e of problem.errors ?? []) {
    const key = fieldKey(e.field);
    errors[key] ??= plainMessage(key, plainMessage(e.field, e.message));
  }
  return errors;
}

/** A sentence for the top of a form; field-level details are shown by the fields themselves. */
export function problemSummary(error: unknown): string {
  if (isApiError(error)) {
    const p = error.problem;
    if (p.status === 412) return 'Someone else changed this ticket; we reloaded it. Check it and try again.';
    if (p.status === 409 && p.allowed) {
      const next = p.allowed.length ? p.allowed.join(', ').replaceAll('_', ' ') : 'none';
      return `${p.detail ?? 'That move is not allowed now.'} Allowed next: ${next}.`;
    }
    if (p.status === 429) return p.detail ?? 'Too many attempts; wait a moment and try again.';
    if (p.status === 403) return p.detail ?? 'You are not allowed to do that.';
    if (p.status >= 500) return 'Something went wrong on the server. Try again in a moment.';
    const requestLevel = (f: string) => ['body', 'query', 'path', 'If-Match'].includes(f);
    if ((p.status === 400 || p.status === 422) && p.errors?.length && !p.errors.some((e) => requestLevel(e.field))) {
      return 'Some answers need another look; see the messages next to them.';
    }
    return p.detail ?? p.title;
  }
  if (error instanceof TypeError) return 'Could not reach the desk. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

export function fieldErrorsFrom(error: unknown): FieldErrors {
  return isApiError(error) ? fieldErrorsFromProblem(error.problem) : {};
}

/** Checks a body against its shared contract before sending, so mistakes show at once. */
export function validateBody<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
