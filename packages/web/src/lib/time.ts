import { useEffect, useState } from 'react';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span in words an agent can read at a glance: "4 min", "2 h 10 min", "3 d". */
export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return 'less than a minute';
  const minutes = Math.round(abs / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  if (abs < 10 * HOUR) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  if (abs < 2 * DAY) return `${Math.round(abs / HOUR)} h`;
  return `${Math.round(abs / DAY)} d`;
}

export type DueState = 'overdue' | 'soon' | 'later';

/** "due in 12 min" or "overdue by 5 min", with how worried to look. */
export function describeDue(iso: string, now: number): { text: string; state: DueState } {
  const diff = Date.parse(iso) - now;
  if (diff < 0) return { text: `overdue by ${formatSpan(diff)}`, state: 'overdue' };
  return { text: `due in ${formatSpan(diff)}`, state: diff < 15 * MINUTE ? 'soon' : 'later' };
}

export function describeAge(iso: string, now: number): string {
  const age = now - Date.parse(iso);
  return age < MINUTE ? 'just now' : formatSpan(age);
}

/** "5 min ago", or "just now". */
export function describeAgo(iso: string, now: number): string {
  const age = describeAge(iso, now);
  return age === 'just now' ? age : `${age} ago`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** Absolute time; same-day times drop the date. */
export function formatWhen(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  return new Date(now).toDateString() === d.toDateString() ? `today ${timeOnly.format(d)}` : dateTime.format(d);
}

/** The current time, refreshed every `intervalMs` so relative times stay honest. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** An ISO time `minutes` from now, for quick promise picks. */
export function minutesFromNow(minutes: number): string {
  return new Date(Date.now() + minutes * MINUTE).toISOString();
}
