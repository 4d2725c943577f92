import { createHash } from 'node:crypto';
import type { DirectoryPerson } from './directory-connector.js';

/** One contact detail of record as the desk keeps it in its synced copy. */
export interface ContactField {
  value: string | null;
  /** sha256 of the normalised value: a reformatted number is not a new number. */
  fingerprint: string | null;
  /** The latest instant the value may have changed (never earlier than the truth). */
  changedAt: number;
  /** The value before the last change, so notices can also reach the old address. */
  previousValue: string | null;
}

export interface ContactRecord {
  email: ContactField;
  phoneOfRecord: ContactField;
  observedAt: number;
}

/**
 * Keeps when each contact detail of record last changed. OpenLDAP's modifyTimestamp is per
 * entry, not per attribute, so the desk compares a fingerprint per detail at every sync and
 * records the change itself. The time recorded is the latest the change can have happened:
 * the directory's own per-attribute time when configured, else the entry's modifyTimestamp
 * when it falls after the previous sync, else the sync itself. First sight uses the same bound.
 * Late is the safe direction: a callback number looks "recently changed" a little longer,
 * never shorter.
 */
export function trackContactChanges(previous: ContactRecord | null, person: DirectoryPerson, observedAt: number): ContactRecord {
  return {
    email: trackField(previous?.email ?? null, previous?.observedAt ?? null, person.email, normalizeEmail, person.contactChangedAt.email, person.entryModifiedAt, observedAt),
    phoneOfRecord: trackField(
      previous?.phoneOfRecord ?? null,
      previous?.observedAt ?? null,
      person.phoneOfRecord,
      normalizePhone,
      person.contactChangedAt.phoneOfRecord,
      person.entryModifiedAt,
      observedAt,
    ),
    observedAt,
  };
}

/** True when the detail changed less than `windowMs` ago (e.g. a callback number in the last 7 days). */
export function changedWithin(field: ContactField, windowMs: number, now: number): boolean {
  return now - field.changedAt < windowMs;
}

function trackField(
  before: ContactField | null,
  lastSync: number | null,
  value: string | null,
  normalize: (v: string) => string,
  directoryTime: number | null,
  entryModifiedAt: number | null,
  observedAt: number,
): ContactField {
  const fingerprint = value === null ? null : createHash('sha256').update(normalize(value)).digest('hex');
  if (before !== null && lastSync !== null && before.fingerprint === fingerprint) {
    // Changed and changed back between syncs: only the directory's own time can tell.
    const changedAt = directoryTime !== null && directoryTime > before.changedAt ? Math.min(directoryTime, observedAt) : before.changedAt;
    return { ...before, value, changedAt };
  }
  const after = lastSync ?? Number.NEGATIVE_INFINITY;
  const bound = [directoryTime, entryModifiedAt].find((t): t is number => t !== null && t > after && t <= observedAt);
  return {
    value,
    fingerprint,
    changedAt: bound ?? observedAt,
    previousValue: before ? before.value : null,
  };
}

function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

function normalizePhone(value: string): string {
  return value.replace(/[^\d+]/g, '');
}
