/** Domain failures: use cases throw these, every channel translates them (HTTP to problem+json). */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extra: { field?: string; allowed?: readonly string[] } = {},
  ) {
    super(detail);
  }
}

export const notFound = (what = 'ticket') => new DomainError(404, 'Not Found', `No such ${what}`);
export const forbidden = (detail: string) => new DomainError(403, 'Forbidden', detail);
export const unauthorized = (detail = 'Sign in first') => new DomainError(401, 'Unauthorized', detail);
export const conflict = (detail: string, allowed?: readonly string[]) =>
  new DomainError(409, 'Conflict', detail, allowed ? { allowed } : {});
export const invalid = (field: string, detail: string) =>
  new DomainError(422, 'Unprocessable Content', `${field}: ${detail}`, { field });
export const staleVersion = (current: number, what = 'ticket') =>
  new DomainError(412, 'Precondition Failed', `The ${what} changed since you loaded it (now version ${current}); reload and try again`);
export const tooManyRequests = (detail: string) => new DomainError(429, 'Too Many Requests', detail);
