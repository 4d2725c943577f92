/** A random key so a double-clicked or retried create makes one ticket, not two. */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; a desk served over plain http on a LAN still needs keys.
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
