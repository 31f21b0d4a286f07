/**
 * Secrets that the system must read back (a staff member's TOTP secret) are stored sealed with
 * AES-256-GCM under a key derived from MOTCUA_DATA_KEY (HKDF-SHA256, one key per purpose), so a
 * copy of the database alone reveals none of them (issue 14 §4). The sealed form is text:
 * `v1.<iv>.<tag>.<ciphertext>`, each part base64url; the purpose is bound as associated data.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const keyCache = new Map<string, Buffer>();

function derivedKey(dataKey: string, purpose: string): Buffer {
  const id = `${purpose}\u0000${dataKey}`;
  let key = keyCache.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', dataKey, 'motcua-data-key', `motcua ${purpose} ${VERSION}`, 32));
    keyCache.set(id, key);
  }
  return key;
}

export function sealSecret(dataKey: string, purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(dataKey, purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
  return [VERSION, ...parts].join('.');
}

/** The plaintext, or an error when the text was not sealed under this key and purpose (or was altered). */
export function openSecret(dataKey: string, purpose: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined)
    throw new Error('sealed secret: unknown format');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    derivedKey(dataKey, purpose),
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * A keyed digest (HMAC-SHA-256, hex) for values that are only ever compared, never read back
 * (recovery codes): a copy of the database alone does not let anyone try guesses offline.
 */
export function keyedDigest(dataKey: string, purpose: string, value: string): string {
  return createHmac('sha256', derivedKey(dataKey, purpose)).update(value).digest('hex');
}
