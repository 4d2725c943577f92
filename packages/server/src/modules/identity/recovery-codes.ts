import { randomInt } from 'node:crypto';
import { sha256 } from './tokens.js';

const COUNT = 10;
// No 0/O or 1/I: people copy these from paper.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 16;

/** Ten fresh single-use codes, 80 random bits each, written XXXX-XXXX-XXXX-XXXX. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: COUNT }, () => {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/**
 * What is stored: SHA-256 of the code without dashes or spaces, upper case. A code has
 * 80 random bits, so a slow hash would add nothing against guessing (decision 0032).
 */
export function hashRecoveryCode(code: string): string {
  return sha256(code.replace(/[^0-9a-z]/gi, '').toUpperCase());
}
