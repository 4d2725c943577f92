import type { Level } from './priority.js';

/** Plain questions the portal asks instead of "impact" and "urgency". */
export const WORK_STOPPED_ANSWERS = ['completely', 'partly', 'not_really'] as const;
export type WorkStoppedAnswer = (typeof WORK_STOPPED_ANSWERS)[number];

export const WHO_AFFECTED_ANSWERS = ['just_me', 'dont_know', 'my_team', 'many_people'] as const;
export type WhoAffectedAnswer = (typeof WHO_AFFECTED_ANSWERS)[number];

export const WORK_STOPPED_LABELS: Record<WorkStoppedAnswer, string> = {
  completely: 'Yes, I cannot work at all',
  partly: 'Partly, I can work around it for now',
  not_really: 'No, it is an inconvenience',
};

export const WHO_AFFECTED_LABELS: Record<WhoAffectedAnswer, string> = {
  just_me: 'Just me',
  dont_know: "I don't know",
  my_team: 'My team or several colleagues',
  many_people: 'Many people or a whole site',
};

/** Urgency follows how fast the damage grows for the person asking. */
export function urgencyFromAnswer(answer: WorkStoppedAnswer): Level {
  return answer === 'completely' ? 1 : answer === 'partly' ? 2 : 3;
}

/**
 * Impact follows how many people are hurt. "Don't know" is treated as a team
 * until an agent confirms: under-rating a wide outage costs more than the reverse.
 */
export function impactFromAnswer(answer: WhoAffectedAnswer): Level {
  switch (answer) {
    case 'many_people':
      return 1;
    case 'my_team':
    case 'dont_know':
      return 2;
    case 'just_me':
      return 3;
  }
}
