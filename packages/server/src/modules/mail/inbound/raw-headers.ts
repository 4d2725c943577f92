/** Header values by lowercase name, unfolded, in the order they appeared. */
export type RawHeaders = ReadonlyMap<string, readonly string[]>;

/** Builds a raw header map from mailparser's header lines ("Name: value", folding included). */
export function rawHeaderMap(lines: ReadonlyArray<{ key: string; line: string }>): RawHeaders {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const value = (colon === -1 ? '' : line.slice(colon + 1)).replace(/\r?\n[ \t]+/g, ' ').trim();
    const name = key.toLowerCase();
    const list = map.get(name);
    if (list) list.push(value);
    else map.set(name, [value]);
  }
  return map;
}

/** The first value of a header, or null when absent. */
export function firstHeader(headers: RawHeaders, name: string): string | null {
  return headers.get(name)?.[0] ?? null;
}
