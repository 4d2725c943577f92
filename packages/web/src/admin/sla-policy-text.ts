import type { Group, PendingReason, SlaConditions, SlaTargetName, TicketType } from '@deskside/shared';

export const TARGET_LABELS: Record<SlaTargetName, string> = {
  firstResponse: 'First response',
  nextUpdate: 'Next update',
  restore: 'Restore',
  resolve: 'Resolve',
};
export const TYPE_LABELS: Record<TicketType, string> = { incident: 'Incidents', service_request: 'Service requests' };
export const PAUSE_LABELS: Record<PendingReason, string> = {
  user: 'Waiting on the requester',
  vendor: 'Waiting on a vendor',
  change: 'Waiting for a change',
};

/** Business minutes as a person writes them: 90 -> "1h 30m", 600 -> "10h". */
export function formatDuration(minutes: number | null): string {
  if (minutes === null) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean).join(' ') || '0m';
}

export type ParsedDuration = { ok: true; minutes: number | null } | { ok: false; message: string };

/**
 * "4h", "30m", "1h 30m", "1.5h" or a bare number of minutes; empty means no target.
 * Days are refused: a business day is as long as the calendar's hours, which the admin knows best.
 */
export function parseDuration(text: string): ParsedDuration {
  const s = text.trim().toLowerCase();
  if (s === '') return { ok: true, minutes: null };
  if (/^\d+$/.test(s)) return { ok: true, minutes: Number(s) };
  if (/\d\s*d/.test(s)) return { ok: false, message: 'Write days as business hours, e.g. 20h for two 10-hour days.' };
  const match = /^(?:(\d+(?:[.,]\d+)?)\s*h)?\s*(?:(\d+)\s*m)?$/.exec(s);
  if (!match || (match[1] === undefined && match[2] === undefined)) {
    return { ok: false, message: 'Write hours and minutes, e.g. 4h, 30m or 1h 30m.' };
  }
  const minutes = Math.round(Number((match[1] ?? '0').replace(',', '.')) * 60) + Number(match[2] ?? '0');
  return { ok: true, minutes };
}

function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "Incidents in category Network for VIP requesters"; "Every ticket" when nothing is asked. */
export function conditionsInWords(c: SlaConditions, groups: ReadonlyMap<number, Group>): string {
  const types = c.types?.length === 1 ? TYPE_LABELS[c.types[0]!] : null;
  const parts: string[] = [];
  if (c.categories?.length) parts.push(`in ${c.categories.length === 1 ? 'category' : 'categories'} ${orList(c.categories)}`);
  const groupNames = (c.requesterGroupIds ?? []).map((id) => groups.get(id)?.name ?? `group #${id}`);
  const who = c.vipOnly ? 'VIP requesters' : 'requesters';
  const sites = c.requesterSites ?? [];
  const where = sites.length ? ` at ${orList(sites)}` : '';
  if (groupNames.length) parts.push(`for ${who} in ${orList(groupNames)}${where}`);
  else if (c.vipOnly || where) parts.push(`for ${who}${where}`);
  if (!types && parts.length === 0) return 'Every ticket';
  return [types ?? 'Tickets', ...parts].join(' ');
}

export function hasNoConditions(c: SlaConditions): boolean {
  return !c.types?.length && !c.categories?.length && !c.requesterGroupIds?.length && !c.requesterSites?.length && !c.vipOnly;
}
