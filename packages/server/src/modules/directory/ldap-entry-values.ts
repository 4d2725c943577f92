import type { Entry } from 'ldapts';

/**
 * Reading attribute values out of an ldapts entry. Servers answer with their own spelling of
 * an attribute name (entryUUID for entryuuid), so lookups ignore case.
 */

function valuesOf(entry: Entry, attribute: string): (string | Buffer)[] {
  const wanted = attribute.toLowerCase();
  for (const [key, value] of Object.entries(entry)) {
    if (key.toLowerCase() !== wanted || key === 'dn') continue;
    return Array.isArray(value) ? value : [value];
  }
  return [];
}

/** Every value of an attribute as text. */
export function stringsOf(entry: Entry, attribute: string): string[] {
  return valuesOf(entry, attribute).map((v) => (typeof v === 'string' ? v : v.toString('utf8')));
}

/** The first value as text, or null when the attribute is absent or empty. */
export function stringOf(entry: Entry, attribute: string): string | null {
  const first = stringsOf(entry, attribute)[0];
  return first === undefined || first === '' ? null : first;
}

/** The first value as bytes (binary attributes such as objectGUID). */
export function bufferOf(entry: Entry, attribute: string): Buffer | null {
  const first = valuesOf(entry, attribute)[0];
  if (first === undefined) return null;
  return typeof first === 'string' ? Buffer.from(first, 'binary') : first;
}

/** Parses LDAP GeneralizedTime (`20240131235959Z`, `...59.123Z`, `...59+0100`) to epoch ms. */
export function parseGeneralizedTime(value: string | null): number | null {
  if (!value) return null;
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi = '00', s = '00', fraction = '0', zone] = match;
  const ms = Math.round(Number(`0.${fraction}`) * 1000);
  let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    time -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
  }
  return Number.isFinite(time) ? time : null;
}

/** Normalises a DN for comparison: case and the spaces around separators do not matter. */
export function normalizeDn(dn: string): string {
  return dn
    .split(/(?<!\\),/)
    .map((rdn) =>
      rdn
        .split(/(?<!\\)=/)
        .map((part) => part.trim())
        .join('='),
    )
    .join(',')
    .toLowerCase();
}
