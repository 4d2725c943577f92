import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRIORITY_MATRIX,
  LEVELS,
  PRIORITIES,
  effectivePriority,
  matrixProblems,
  priorityFor,
  priorityFromRank,
  priorityRank,
  type Level,
  type Priority,
  type PriorityMatrix,
} from './priority.js';

const level = fc.constantFrom<Level>(1, 2, 3);
const priority = fc.constantFrom<Priority>(...PRIORITIES);
const row = fc.tuple(priority, priority, priority);
const matrix: fc.Arbitrary<PriorityMatrix> = fc.tuple(row, row, row);

/** The rule stated plainly: more impact or more urgency (a lower level) never lowers priority, for any two cells. */
function isCoherent(m: PriorityMatrix): boolean {
  for (const i1 of LEVELS) for (const u1 of LEVELS) for (const i2 of LEVELS) for (const u2 of LEVELS) {
    if (i1 <= i2 && u1 <= u2 && priorityRank(priorityFor(m, i1, u1)) > priorityRank(priorityFor(m, i2, u2))) return false;
  }
  return true;
}

describe('the default impact x urgency matrix', () => {
  it('gives P1 for (1,1), P2 for (1,2)/(2,1), P3 for (1,3)/(2,2)/(3,1), P4 otherwise', () => {
    const expected: Record<string, Priority> = {
      '1,1': 'P1', '1,2': 'P2', '2,1': 'P2', '1,3': 'P3', '2,2': 'P3', '3,1': 'P3', '2,3': 'P4', '3,2': 'P4', '3,3': 'P4',
    };
    for (const impact of LEVELS) {
      for (const urgency of LEVELS) expect(priorityFor(DEFAULT_PRIORITY_MATRIX, impact, urgency)).toBe(expected[`${impact},${urgency}`]);
    }
  });

  it('is coherent and treats impact and urgency alike', () => {
    expect(matrixProblems(DEFAULT_PRIORITY_MATRIX)).toEqual([]);
    fc.assert(
      fc.property(level, level, (i, u) => priorityFor(DEFAULT_PRIORITY_MATRIX, i, u) === priorityFor(DEFAULT_PRIORITY_MATRIX, u, i)),
    );
  });
});

describe('matrixProblems', () => {
  it('finds a problem exactly when some cell outranks a more severe one (checked against every pair of cells)', () => {
    fc.assert(fc.property(matrix, (m) => (matrixProblems(m).length === 0) === isCoherent(m)), { numRuns: 2000 });
  });

  it('names the offending cells', () => {
    const m = structuredClone(DEFAULT_PRIORITY_MATRIX);
    m[2][2] = 'P1';
    const problems = matrixProblems(m);
    expect(problems).toContain('impact low × urgency low (P1) outranks impact medium × urgency low (P4)');
    expect(problems).toContain('impact low × urgency low (P1) outranks impact low × urgency medium (P4)');
  });

  it('accepts any matrix where priority only depends on how severe the pair is, monotonically', () => {
    const monotone = fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 4, maxLength: 4 }).map((steps) => {
      // steps[k] says whether severity k+2 (impact+urgency) drops one priority below severity k+1.
      const rankFor = (sum: number) => Math.min(4, 1 + steps.slice(0, sum - 2).reduce((a, b) => a + b, 0));
      return LEVELS.map((i) => LEVELS.map((u) => priorityFromRank(rankFor(i + u)))) as PriorityMatrix;
    });
    fc.assert(fc.property(monotone, (m) => matrixProblems(m).length === 0));
  });
});

describe('effectivePriority', () => {
  it('is the override when there is one, the matrix otherwise', () => {
    fc.assert(
      fc.property(matrix, level, level, fc.option(priority, { nil: null }), (m, i, u, override) => {
        expect(effectivePriority(m, i, u, override)).toBe(override ?? priorityFor(m, i, u));
      }),
    );
  });
});

describe('priority ranks', () => {
  it('sort P1 first and round-trip', () => {
    expect(PRIORITIES.map(priorityRank)).toEqual([1, 2, 3, 4]);
    fc.assert(fc.property(priority, (p) => priorityFromRank(priorityRank(p)) === p));
  });

  it('refuse ranks outside 1..4', () => {
    fc.assert(
      fc.property(fc.integer().filter((n) => n < 1 || n > 4), (n) => {
        expect(() => priorityFromRank(n)).toThrow(RangeError);
      }),
    );
    expect(() => priorityFromRank(1.5)).toThrow(RangeError);
  });
});
