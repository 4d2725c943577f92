import { generateSecret, generateURI, verifySync } from 'otplib';

const PERIOD_S = 30;
const ISSUER = 'Deskside';

/** A new authenticator seed: 20 random bytes, base32 (what authenticator apps expect). */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app imports (by QR code or pasted). */
export function totpUri(secret: string, accountName: string): string {
  return generateURI({ issuer: ISSUER, label: accountName, secret, period: PERIOD_S, digits: 6, algorithm: 'sha1' });
}

/** Whether a string has the shape of an authenticator code (six digits), as opposed to a recovery code. */
export function looksLikeTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

/**
 * The 30-second step a code is right for, within one step either side of now (clock
 * drift), and only after `lastStep` so no code is accepted twice; undefined otherwise.
 */
export function matchTotp(secret: string, code: string, now: number, lastStep: number | null): number | undefined {
  if (!looksLikeTotpCode(code)) return undefined;
  const epoch = Math.floor(now / 1000);
  const newest = Math.floor(epoch / PERIOD_S) + 1;
  if (lastStep !== null && lastStep >= newest) return undefined;
  try {
    const result = verifySync({
      secret, token: code, epoch, period: PERIOD_S, digits: 6, algorithm: 'sha1', epochTolerance: PERIOD_S,
      ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  } catch {
    return undefined;
  }
}
