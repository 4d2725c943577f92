import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  WHO_AFFECTED_ANSWERS,
  WHO_AFFECTED_LABELS,
  WORK_STOPPED_ANSWERS,
  WORK_STOPPED_LABELS,
  impactFromAnswer,
  urgencyFromAnswer,
} from './portal-triage.js';
import { DEFAULT_PRIORITY_MATRIX, priorityFor, priorityRank } from './priority.js';

const workStopped = fc.constantFrom(...WORK_STOPPED_ANSWERS);
const whoAffected = fc.constantFrom(...WHO_AFFECTED_ANSWERS);
/** How many people each answer stands for, least first ("don't know" is read as a team). */
const BREADTH = { just_me: 0, dont_know: 1, my_team: 1, many_people: 2 } as const;
const SEVERITY = { not_really: 0, partly: 1, completely: 2 } as const;

describe('portal answers', () => {
  it('map to urgency by how stopped the person is', () => {
    expect(WORK_STOPPED_ANSWERS.map(urgencyFromAnswer)).toEqual([1, 2, 3]);
  });

  it('map to impact by how many are affected, treating “don’t know” as a team', () => {
    expect(Object.fromEntries(WHO_AFFECTED_ANSWERS.map((a) => [a, impactFromAnswer(a)]))).toEqual({
      just_me: 3, dont_know: 2, my_team: 2, many_people: 1,
    });
  });

  it('never lower priority when the answers get worse', () => {
    fc.assert(
      fc.property(workStopped, workStopped, whoAffected, whoAffected, (s1, s2, w1, w2) => {
        if (SEVERITY[s1] > SEVERITY[s2] || BREADTH[w1] > BREADTH[w2]) return;
        const milder = priorityRank(priorityFor(DEFAULT_PRIORITY_MATRIX, impactFromAnswer(w1), urgencyFromAnswer(s1)));
        const worse = priorityRank(priorityFor(DEFAULT_PRIORITY_MATRIX, impactFromAnswer(w2), urgencyFromAnswer(s2)));
        expect(worse).toBeLessThanOrEqual(milder);
      }),
    );
  });

  it('span the whole range: a site-wide stop is P1, one person’s inconvenience is P4', () => {
    expect(priorityFor(DEFAULT_PRIORITY_MATRIX, impactFromAnswer('many_people'), urgencyFromAnswer('completely'))).toBe('P1');
    expect(priorityFor(DEFAULT_PRIORITY_MATRIX, impactFromAnswer('just_me'), urgencyFromAnswer('not_really'))).toBe('P4');
  });

  it('have a plain label for every answer', () => {
    for (const a of WORK_STOPPED_ANSWERS) expect(WORK_STOPPED_LABELS[a].length).toBeGreaterThan(3);
    for (const a of WHO_AFFECTED_ANSWERS) expect(WHO_AFFECTED_LABELS[a].length).toBeGreaterThan(3);
  });
});
