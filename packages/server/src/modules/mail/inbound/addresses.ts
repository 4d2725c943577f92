import type { AddressObject, EmailAddress } from 'mailparser';
import type { InboundAddress } from './types.js';
import { cleanHeaderValue } from './text-cleaning.js';

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const MAX_NAME = 200;
// Conservative on purpose: quoted local parts, comments, routes and raw controls are legal
// in RFC 5322 but only ever seen in mail crafted to confuse a parser or a person.
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/** Lowercases and checks one address; null when it is pathological. */
export function normaliseAddress(value: string | undefined): string | null {
  if (!value) return null;
  const address = value.trim().toLowerCase();
  if (address.length === 0 || address.length > MAX_ADDRESS) return null;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at !== address.indexOf('@')) return null;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > MAX_LOCAL || !LOCAL.test(local)) return null;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((label) => label.length > 63 || !DOMAIN_LABEL.test(label))) return null;
  return address;
}

/** Flattens address headers (groups included) into checked mailboxes, counting the rejected ones. */
export function normaliseAddressList(
  header: AddressObject | AddressObject[] | undefined,
): { addresses: InboundAddress[]; rejected: number } {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const addresses: InboundAddress[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  const visit = (entry: EmailAddress): void => {
    if (entry.group) {
      entry.group.forEach(visit);
      return;
    }
    const address = normaliseAddress(entry.address);
    if (address === null) {
      rejected += 1;
      return;
    }
    if (seen.has(address)) return;
    seen.add(address);
    addresses.push({ address, name: cleanHeaderValue(entry.name ?? '', MAX_NAME).value });
  };
  for (const object of objects) object.value.forEach(visit);
  return { addresses, rejected };
}
