import { randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../../db/connect.js';
import { findReplyToken, insertReplyToken, ticketIdOfReplyToken } from './mail-messages-repo.js';

/**
 * The ticket's reply address, support+<token>@<domain>, made on first use. The token is 120
 * random bits in lowercase base32 (mail systems may fold the local part's case), so the
 * address cannot be derived from the ticket number.
 */
export async function replyAddressFor(tx: Tx, ticket: { id: number }, domain: string, now: number): Promise<string> {
  let token = await findReplyToken(tx, ticket.id);
  if (!token) {
    token = base32(randomBytes(15));
    await insertReplyToken(tx, ticket.id, token, now);
  }
  return `support+${token}@${domain}`;
}

/** For inbound mail: the ticket a reply address names, or null; the local part's case is ignored. */
export async function ticketOfReplyAddress(q: Db | Tx, address: string): Promise<number | null> {
  const match = /^[^+@]+\+([a-z2-7]{24})@/i.exec(address.trim());
  return match ? ticketIdOfReplyToken(q, match[1]!.toLowerCase()) : null;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}
