import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import type { Random } from '../../deps.js';

const VERSION = 'v1';

/**
 * Seals small secrets that must be read back (a TOTP secret cannot be hashed: the server
 * computes codes from it) with AES-256-GCM. The associated data binds a sealed value to its
 * owner, so a row copied to another user's record does not open there.
 */
export class SecretBox {
  private derived: Buffer | null = null;

  /**
   * `keyMaterial`: reads the server's secret key (`PROOFSHEET_SECRET_KEY` or its key file),
   * the first time a secret is sealed or opened: a server whose users have no second factor
   * never makes a key file.
   */
  constructor(
    private readonly keyMaterial: () => string,
    private readonly random: Random,
  ) {}

  private get key(): Buffer {
    // Any string of enough entropy: the user writes a passphrase or a base64 blob.
    this.derived ??= createHash('sha256')
      .update(`proofsheet:secret-box:${this.keyMaterial()}`)
      .digest();
    return this.derived;
  }

  seal(plaintext: Uint8Array, boundTo: string): string {
    const iv = Buffer.from(this.random.bytes(12));
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv, body, tag]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** The plaintext, or `null` if the value was not sealed by this key for `boundTo`. */
  open(sealed: string, boundTo: string): Buffer | null {
    const [version, iv, body, tag, ...rest] = sealed.split('.');
    if (version !== VERSION || !iv || !body || !tag || rest.length > 0) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(boundTo));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
    } catch {
      return null;
    }
  }
}
