/**
 * What an agent does by hand when the desk cannot clear the factors itself (a manual directory,
 * or LDAP without an MFA attribute). The person enrols again on their own device; the agent
 * never holds a factor or a code, which is exactly what a caller after the account wants.
 */
export function mfaResetSteps(consoleName: string, who: string): string[] {
  return [
    `Open ${consoleName} and find ${who} by that id, not by name.`,
    'Remove every registered second factor (authenticator apps, phone numbers, security keys), or require the person to register again at their next sign-in.',
    "Never register a factor on the caller's behalf, and never read, send or confirm a code for anyone: the person enrols again themselves, on their own device.",
  ];
}
