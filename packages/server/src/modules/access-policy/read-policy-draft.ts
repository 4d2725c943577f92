import { AccessPolicySchema, type AccessPolicy } from '@deskside/shared';
import { DomainError } from '../../errors.js';

/**
 * Checks a draft with the shared schema, or refuses with 400 naming each field as
 * `policy.<path>`: the same answer whether the draft came through the HTTP contract or from
 * another caller. The schema holds the rules that matter (privileged targets take at least
 * two approvers, break-glass two, knowledge questions are no method), so nothing published
 * can loosen them.
 */
export function readPolicyDraft(draft: unknown): AccessPolicy {
  const result = AccessPolicySchema.safeParse(draft);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    const keys = issue.code === 'unrecognized_keys' ? [...path, issue.keys.join(', ')] : path;
    const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
    return { field: ['policy', ...keys].join('.'), message };
  });
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  throw Object.assign(new DomainError(400, 'Bad Request', detail, { field: errors[0]?.field ?? 'policy' }), { errors });
}
