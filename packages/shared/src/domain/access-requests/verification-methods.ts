import { z } from 'zod';

/**
 * The only ways identity may be proven. Each goes through a channel the caller does not
 * control: a factor or contact already bound in the directory, the phone of record, the
 * directory's manager in their own session, or two agents looking at an ID document.
 */
export const VERIFICATION_METHODS = ['directory_otp', 'callback_of_record', 'manager_approval', 'in_person_id'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];
// A refused name is answered with parseVerificationMethod's reason, so a policy that lists
// "date_of_birth" is told it is a knowledge question, not that it misspelled a method.
export const VerificationMethodSchema = z.enum(VERIFICATION_METHODS, {
  error: (issue) => {
    const parsed = typeof issue.input === 'string' ? parseVerificationMethod(issue.input) : null;
    return parsed && !parsed.ok ? parsed.reason : undefined;
  },
});

/** How the desk names each method to agents and in gate reasons. */
export const METHOD_LABELS: Record<VerificationMethod, string> = {
  directory_otp: 'a one-time code sent to a factor of record and entered by the person on their own device',
  callback_of_record: 'a callback to the phone number of record',
  manager_approval: "approval by the person's directory manager in their own session",
  in_person_id: 'an in-person ID check attested by two agents',
};

/**
 * Knowledge factors people ask for. They are not methods (the type above cannot hold
 * them); they are named here so asking for one is refused with the reason, not as a typo.
 */
export const KNOWLEDGE_FACTORS = [
  'knowledge_questions',
  'security_questions',
  'date_of_birth',
  'employee_id',
  'manager_name',
  'ssn_last_four',
  'mothers_maiden_name',
  'home_address',
] as const;

export type MethodParse = { ok: true; method: VerificationMethod } | { ok: false; reason: string };

/** Reads a method name from outside (a form, a policy file), refusing anything not approved. */
export function parseVerificationMethod(name: string): MethodParse {
  const found = VERIFICATION_METHODS.find((m) => m === name);
  if (found !== undefined) return { ok: true, method: found };
  if ((KNOWLEDGE_FACTORS as readonly string[]).includes(name)) {
    return {
      ok: false,
      reason: `${name} is a knowledge question: anyone who looked the person up can answer it, so it never verifies identity`,
    };
  }
  return { ok: false, reason: `${name} is not an approved verification method (approved: ${VERIFICATION_METHODS.join(', ')})` };
}
