import { describe, expect, it } from 'vitest';
import { changedWithin, type DirectoryPerson, trackContactChanges } from '../src/modules/directory/index.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 2, 1, 9);

function seen(phone: string | null, entryModifiedAt: number | null, phoneChangedAt: number | null = null): DirectoryPerson {
  return {
    immutableId: 'p-1',
    dn: null,
    name: 'Dana Whitfield',
    email: 'Dana@Example.test',
    phoneOfRecord: phone,
    managerId: null,
    groups: [],
    disabled: false,
    locked: false,
    privileged: false,
    entryModifiedAt,
    contactChangedAt: { email: null, phoneOfRecord: phoneChangedAt },
  };
}

describe('contact details of record: when they last changed', () => {
  it('bounds the first sight by the entry\'s last modification, else the sync itself', () => {
    expect(trackContactChanges(null, seen('+1 555 0100', T0 - 30 * DAY), T0).phoneOfRecord.changedAt).toBe(T0 - 30 * DAY);
    expect(trackContactChanges(null, seen('+1 555 0100', null), T0).phoneOfRecord.changedAt).toBe(T0);
  });

  it('keeps the time while the number is unchanged, even when other attributes move the entry', () => {
    const first = trackContactChanges(null, seen('+1 555 0100', T0 - 30 * DAY), T0);
    const later = trackContactChanges(first, seen('+1 (555) 0100', T0 + DAY), T0 + 2 * DAY);
    expect(later.phoneOfRecord.changedAt).toBe(T0 - 30 * DAY);
    expect(changedWithin(later.phoneOfRecord, 7 * DAY, T0 + 2 * DAY)).toBe(false);
  });

  it('dates a change no earlier than it can have happened, and keeps the previous value', () => {
    const first = trackContactChanges(null, seen('+1 555 0100', T0 - 30 * DAY), T0);
    // Changed between syncs; the entry says when it last changed.
    const changed = trackContactChanges(first, seen('+1 555 0199', T0 + DAY), T0 + 3 * DAY);
    expect(changed.phoneOfRecord).toMatchObject({ value: '+1 555 0199', previousValue: '+1 555 0100', changedAt: T0 + DAY });
    expect(changedWithin(changed.phoneOfRecord, 7 * DAY, T0 + 3 * DAY)).toBe(true);
    expect(changedWithin(changed.phoneOfRecord, 7 * DAY, T0 + 9 * DAY)).toBe(false);
    // A modifyTimestamp from before the last sync cannot date a change seen since: the sync does.
    const stale = trackContactChanges(changed, seen('+1 555 0142', T0), T0 + 4 * DAY);
    expect(stale.phoneOfRecord.changedAt).toBe(T0 + 4 * DAY);
  });

  it('prefers a per-attribute time from the directory when one is configured', () => {
    const first = trackContactChanges(null, seen('+1 555 0100', T0, T0 - 90 * DAY), T0);
    expect(first.phoneOfRecord.changedAt).toBe(T0 - 90 * DAY);
    // Changed and changed back between two syncs: only the directory's own time shows it.
    const flipped = trackContactChanges(first, seen('+1 555 0100', T0 + DAY, T0 + DAY), T0 + 2 * DAY);
    expect(flipped.phoneOfRecord.changedAt).toBe(T0 + DAY);
  });

  it('treats a removed number as a change', () => {
    const first = trackContactChanges(null, seen('+1 555 0100', T0 - 30 * DAY), T0);
    const removed = trackContactChanges(first, seen(null, T0 + DAY), T0 + 2 * DAY);
    expect(removed.phoneOfRecord).toMatchObject({ value: null, fingerprint: null, previousValue: '+1 555 0100', changedAt: T0 + DAY });
  });
});
