import type { AccessPolicy, AuditJson } from '@deskside/shared';

export interface PolicyChange {
  field: string;
  before: AuditJson;
  after: AuditJson;
}

/**
 * The settings whose value differs between two policies, by dotted path
 * (`rules.unlock_account.standard.methodsRequired`). Lists (methods, group ids) are one
 * value each: the audit shows the whole list before and after.
 */
export function policyChanges(before: AccessPolicy, after: AccessPolicy): PolicyChange[] {
  const was = leaves(before);
  const now = leaves(after);
  const fields = [...new Set([...now.keys(), ...was.keys()])];
  return fields
    .filter((field) => JSON.stringify(was.get(field) ?? null) !== JSON.stringify(now.get(field) ?? null))
    .map((field) => ({ field, before: was.get(field) ?? null, after: now.get(field) ?? null }));
}

function leaves(value: unknown, path = '', out = new Map<string, AuditJson>()): Map<string, AuditJson> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) leaves(inner, path ? `${path}.${key}` : key, out);
  } else {
    out.set(path, value as AuditJson);
  }
  return out;
}
