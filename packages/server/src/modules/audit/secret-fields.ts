// The audit log outlives every secret it could hold and is exported to other systems, so
// an entry that even looks like it carries a password or a code is refused, not stripped:
// a caller that tries has a bug worth failing loudly on. The lists are deliberately broad
// ("code" also catches an innocent postalCode); name such fields differently.

/** Key words that mark a field as a secret, matched per word of a camelCase/snake_case key. */
const SECRET_WORDS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'secret', 'secrets',
  'code', 'codes', 'otp', 'totp', 'hotp', 'token', 'tokens', 'pin', 'credential', 'credentials', 'apikey',
]);

/** Whole-key fragments for keys written as one word ("newpassword", "clientsecret"). */
const SECRET_FRAGMENTS = ['password', 'passwd', 'passphrase', 'passcode', 'secret', 'apikey', 'privatekey', 'otp'];

/** Free text like "password: hunter2" or "code=123456": a secret typed into a summary. */
const SECRET_IN_TEXT = /\b(?:password|passwd|pwd|passphrase|passcode|secret|otp|totp|pin|code|token)\s*(?:is\s*)?[:=]/i;

/** Whether a key names a secret-looking field. */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  const whole = words.join('');
  // "otp" alone as a fragment would match "hotpot"; only at the start or end of a key.
  return SECRET_FRAGMENTS.some((f) => (f === 'otp' ? whole.startsWith(f) || whole.endsWith(f) : whole.includes(f)));
}

/** The path of the first field (key or text) in a value that looks like a secret, or null. */
export function findSecretField(value: unknown, path = 'entry'): string | null {
  if (typeof value === 'string') return SECRET_IN_TEXT.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findSecretField(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (isSecretKey(key)) return `${path}.${key}`;
      const found = findSecretField(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
