import { createHash } from 'node:crypto';

/** SHA-256 hex of the previous link's hash followed by this entry's canonical JSON (UTF-8). */
export function linkHash(prevHash: string, entryJson: string): string {
  return createHash('sha256').update(prevHash, 'utf8').update(entryJson, 'utf8').digest('hex');
}
