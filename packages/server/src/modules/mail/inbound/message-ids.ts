const MAX_ID = 250;
const MAX_IDS = 200;

/**
 * Pulls Message-IDs out of a Message-ID, In-Reply-To or References value, without
 * brackets. Ids with whitespace, controls or brackets inside, or absurd lengths, are
 * skipped: they cannot be ours, so they can only mislead threading.
 */
export function extractMessageIds(value: string | null): string[] {
  if (value === null) return [];
  const ids: string[] = [];
  for (const match of value.matchAll(/<([^<>]*)>/g)) {
    const id = (match[1] ?? '').trim();
    if (id.length === 0 || id.length > MAX_ID || /[\s\u0000-\u001f\u007f]/.test(id)) continue;
    ids.push(id);
  }
  // A bare id without brackets is common enough from broken mailers to accept when alone.
  if (ids.length === 0) {
    const bare = value.trim();
    if (/^[^\s<>@]+@[^\s<>@]+$/.test(bare) && bare.length <= MAX_ID) ids.push(bare);
  }
  // The newest ancestors come last in References, and they are the ones that thread.
  return ids.slice(-MAX_IDS);
}
