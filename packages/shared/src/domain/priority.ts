/** Impact x urgency -> priority: the triage rule every ticket starts from. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** 1 = high, 3 = low, for both impact and urgency. */
export type Level = 1 | 2 | 3;
export const LEVELS: readonly Level[] = [1, 2, 3];

/** matrix[impact - 1][urgency - 1] is the priority for that pair. */
export type PriorityMatrix = [
  [Priority, Priority, Priority],
  [Priority, Priority, Priority],
  [Priority, Priority, Priority],
];

export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = [
  ['P1', 'P2', 'P3'],
  ['P2', 'P3', 'P4'],
  ['P3', 'P4', 'P4'],
];

/** Looks the pair up in the matrix. */
export function priorityFor(matrix: PriorityMatrix, impact: Level, urgency: Level): Priority {
  return matrix[impact - 1]![urgency - 1]!;
}

/** The priority a ticket carries: a recorded override wins over the matrix. */
export function effectivePriority(
  matrix: PriorityMatrix,
  impact: Level,
  urgency: Level,
  override: Priority | null,
): Priority {
  return override ?? priorityFor(matrix, impact, urgency);
}

/** Priorities sort P1 first; stored as 1..4 so the database can order them. */
export function priorityRank(priority: Priority): 1 | 2 | 3 | 4 {
  return (PRIORITIES.indexOf(priority) + 1) as 1 | 2 | 3 | 4;
}

export function priorityFromRank(rank: number): Priority {
  const priority = PRIORITIES[rank - 1];
  if (!priority) throw new RangeError(`priority rank ${rank} is not 1..4`);
  return priority;
}

/**
 * A matrix is sane when more impact or more urgency never lowers priority:
 * an admin who edits it into something incoherent gets told which cell is wrong.
 */
export function matrixProblems(matrix: PriorityMatrix): string[] {
  const problems: string[] = [];
  const cell = (impact: Level, urgency: Level) =>
    `impact ${LEVEL_WORDS[impact]} × urgency ${LEVEL_WORDS[urgency]} (${priorityFor(matrix, impact, urgency)})`;
  for (const impact of LEVELS) {
    for (const urgency of LEVELS) {
      const here = priorityRank(priorityFor(matrix, impact, urgency));
      const lessImpact = (impact + 1) as Level;
      const lessUrgency = (urgency + 1) as Level;
      if (impact < 3 && priorityRank(priorityFor(matrix, lessImpact, urgency)) < here) {
        problems.push(`${cell(lessImpact, urgency)} outranks ${cell(impact, urgency)}`);
      }
      if (urgency < 3 && priorityRank(priorityFor(matrix, impact, lessUrgency)) < here) {
        problems.push(`${cell(impact, lessUrgency)} outranks ${cell(impact, urgency)}`);
      }
    }
  }
  return problems;
}

/** Levels as people say them: 1 is high. */
const LEVEL_WORDS: Record<Level, string> = { 1: 'high', 2: 'medium', 3: 'low' };
