import { SignalRuleSet } from '@deskside/shared';
import { DomainError } from '../../errors.js';

/**
 * Checks a draft with the shared schema (regex safety included) under the number it will
 * carry, or refuses with 422 naming each field as `ruleSet.<path>`. The draft's own
 * "version" is ignored: the desk numbers versions.
 */
export function validateRuleSet(draft: unknown, version: number): SignalRuleSet {
  const numbered = draft !== null && typeof draft === 'object' && !Array.isArray(draft) ? { ...draft, version } : draft;
  const result = SignalRuleSet.safeParse(numbered);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    const keys = issue.code === 'unrecognized_keys' ? [...path, issue.keys.join(', ')] : path;
    const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
    return { field: ['ruleSet', ...keys].join('.'), message };
  });
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  throw Object.assign(new DomainError(422, 'Unprocessable Content', detail, { field: errors[0]?.field ?? 'ruleSet' }), { errors });
}
