/**
 * Canonical JSON: the one byte string a value hashes to, whoever writes it and in
 * whatever order its keys were built. Keys are sorted by UTF-16 code units, there is no
 * whitespace, and numbers use ECMAScript's shortest round-trip form (as RFC 8785 does),
 * so a SIEM can recompute a hash with any JCS library.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    // NaN and Infinity have no JSON form; JSON.stringify would quietly write null.
    if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no JSON form`);
    // -0 and 0 are one number to every JSON reader; String(-0) is already "0".
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((item, i) => write(item, `${path}[${i}]`)).join(',')}]`;
  if (typeof value === 'object' && isPlainObject(value)) {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    // The default sort compares UTF-16 code units, which is the order RFC 8785 asks for.
    keys.sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${write((value as Record<string, unknown>)[k], `${path}.${k}`)}`).join(',')}}`;
  }
  // undefined in an array, bigint, functions, symbols, Dates, Maps: refused rather than
  // guessed at, because a silent conversion would hash something other than what was meant.
  throw new TypeError(`${path}: ${describe(value)} has no canonical JSON form`);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
