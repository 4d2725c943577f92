import type { AccessRequestContext, NumericContextField } from './request-context.js';
import type { ContextPredicate } from './rule-set-schema.js';

/**
 * The fact that makes a context predicate true, in words for the agent ("phone number
 * changed 2 days ago"), or null when it is false or the fact is unknown.
 */
export function contextEvidence(predicate: ContextPredicate, context: AccessRequestContext): string | null {
  switch (predicate.type) {
    case 'at-least':
    case 'at-most': {
      const value = context[predicate.field];
      if (value === undefined) return null;
      const holds = predicate.type === 'at-least' ? value >= predicate.value : value <= predicate.value;
      return holds ? describeNumber(predicate.field, value, context) : null;
    }
    case 'is-true':
      return context[predicate.field] === true ? 'the account is privileged' : null;
    case 'outside-hours': {
      const { localHour, localWeekday } = context;
      if (localWeekday !== undefined && !predicate.days.includes(localWeekday)) {
        return `arrived on a ${WEEKDAY_NAMES[localWeekday]}, outside business days`;
      }
      if (localHour === undefined) return null;
      if (localHour >= predicate.fromHour && localHour < predicate.untilHour) return null;
      return `arrived at ${clock(localHour)}, outside business hours (${clock(predicate.fromHour)}–${clock(predicate.untilHour)})`;
    }
  }
}

const WEEKDAY_NAMES = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
} as const;

function clock(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

function describeNumber(field: NumericContextField, value: number, context: AccessRequestContext): string {
  switch (field) {
    case 'contactChangedDaysAgo': {
      const what = context.changedContact ?? 'contact details';
      const when = value === 0 ? 'today' : value === 1 ? 'yesterday' : `${value} days ago`;
      return `${what} of record changed ${when}`;
    }
    case 'previousAttemptsLast24h':
      return `${value} earlier ${value === 1 ? 'request' : 'requests'} for this account in the last 24 hours`;
    case 'mfaResetsLast24h':
      return `${value} MFA ${value === 1 ? 'reset' : 'resets'} of this account in the last 24 hours`;
  }
}
