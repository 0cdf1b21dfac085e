/**
 * Encryption at rest for the cookie file: AES-256-GCM (authenticated, so a tampered file is
 * refused rather than half-read) with a key stretched from a passphrase by scrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/** The envelope written to disk when a key is set. */
export interface EncryptedEnvelope {
  v: 1;
  alg: 'aes-256-gcm';
  kdf: 'scrypt';
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

/** Whether parsed file content is an encrypted envelope. */
export function isEncryptedEnvelope(value: unknown): value is EncryptedEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { alg?: unknown }).alg === 'aes-256-gcm'
  );
}

/** Derives keys once per salt: scrypt is deliberately slow. */
export class CookieCipher {
  readonly #secret: string;
  #cache: { salt: string; key: Buffer } | null = null;

  constructor(secret: string) {
    if (secret.length < 16) {
      throw new Error('The cookie encryption key must be at least 16 characters long');
    }
    this.#secret = secret;
  }

  encrypt(plaintext: string, salt?: string): EncryptedEnvelope {
    const useSalt = salt ?? this.#cache?.salt ?? randomBytes(16).toString('base64');
    // A fresh IV per write: reusing one with GCM would leak the key stream.
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key(useSalt), iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      v: 1,
      alg: 'aes-256-gcm',
      kdf: 'scrypt',
      salt: useSalt,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  decrypt(envelope: EncryptedEnvelope): string {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      this.#key(envelope.salt),
      Buffer.from(envelope.iv, 'base64'),
    );
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    try {
      return Buffer.concat([
        decipher.update(Buffer.from(envelope.data, 'base64')),
        decipher.final(),
      ]).toString('utf8');
    } catch (cause) {
      throw new Error('Cannot decrypt the cookie file: wrong key, or the file was altered', {
        cause,
      });
    }
  }

  #key(salt: string): Buffer {
    if (this.#cache?.salt === salt) return this.#cache.key;
    const key = scryptSync(this.#secret, Buffer.from(salt, 'base64'), 32);
    this.#cache = { salt, key };
    return key;
  }
}
