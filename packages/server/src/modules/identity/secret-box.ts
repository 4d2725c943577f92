import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const SEALED = 'aes-256-gcm:';
const PLAIN = 'plain:';

/**
 * Seals small secrets at rest (TOTP seeds) with a key derived from DESKSIDE_SECRET_KEY.
 * `context` is bound as associated data, so a sealed value copied onto another person's
 * row does not open. Without a key values are stored as they are (decision 0032).
 */
export interface SecretBox {
  seal(value: string, context: string): string;
  open(stored: string, context: string): string;
}

/** The box for this desk's configured key, or the pass-through box when none is set. */
export function secretBox(secretKey: string | undefined): SecretBox {
  const key = secretKey ? Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'deskside:secret-box:v1', 32)) : undefined;
  return {
    seal(value, context) {
      if (!key) return PLAIN + value;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return SEALED + [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
    },
    open(stored, context) {
      if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
      if (!stored.startsWith(SEALED)) throw new Error('unknown stored secret format');
      if (!key) throw new Error('a stored secret is sealed but DESKSIDE_SECRET_KEY is not set');
      const [iv, tag, body] = stored.slice(SEALED.length).split('.').map((p) => Buffer.from(p, 'base64url'));
      if (!iv || !tag || !body) throw new Error('a stored secret is damaged');
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('a stored secret does not open with this DESKSIDE_SECRET_KEY');
      }
    },
  };
}
