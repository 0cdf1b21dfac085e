/**
 * A software WebAuthn authenticator for route tests: an ES256 key made with node:crypto, and
 * the attestation ('none') and assertion payloads a browser would send, built byte by byte as
 * the WebAuthn spec lays them out (authenticator data, COSE key, CBOR attestation object,
 * client data, signature over authData ‖ SHA-256(clientData)). Our server checks them with
 * @simplewebauthn/server's own verification, so this is a test authenticator, not a mock.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  PasskeyAuthenticationCredential,
  PasskeyCreationOptions,
  PasskeyRegistrationCredential,
  PasskeyRequestOptions,
} from '@proofsheet/protocol';

/** CBOR (RFC 8949) for what attestation objects and COSE keys hold. */
type Cbor = number | string | Uint8Array | Map<number | string, Cbor> | Record<string, never>;

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 256) return Buffer.from([(major << 5) | 24, n]);
  if (n < 65_536) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([
    head(5, entries.length),
    ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)]),
  ]);
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const b64url = (data: Uint8Array) => Buffer.from(data).toString('base64url');

/** Authenticator data flags (WebAuthn §6.1). */
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

export interface SoftAuthenticatorOptions {
  /** Whether it verifies its user (a PIN, a fingerprint): the UV flag. @default true */
  userVerified?: boolean;
}

/** One passkey held by the software authenticator. */
export class SoftPasskey {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  /** The signature counter it reports next; tests set it back to act as a clone. */
  counter = 0;
  /** The user handle it was registered with (`user.id` of the options). */
  userHandle = '';
  userVerified: boolean;

  constructor(options: SoftAuthenticatorOptions = {}) {
    ({ privateKey: this.privateKey, publicKey: this.publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
    }));
    this.userVerified = options.userVerified ?? true;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  /** The COSE_Key of the public key: EC2 (1), ES256 (-7), P-256 (1), x, y. */
  private coseKey(): Buffer {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return cbor(
      new Map<number, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x ?? '', 'base64url')],
        [-3, Buffer.from(jwk.y ?? '', 'base64url')],
      ]),
    );
  }

  private authData(rpId: string, flags: number, attested?: Buffer): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.counter);
    const uv = this.userVerified ? UV : 0;
    return Buffer.concat([
      sha256(rpId),
      Buffer.from([flags | UP | uv]),
      count,
      attested ?? Buffer.alloc(0),
    ]);
  }

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string) {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** What `startRegistration(options)` resolves to, on a page at `origin`. */
  register(
    options: PasskeyCreationOptions,
    origin: string,
    rpId = options.rp.id,
  ): PasskeyRegistrationCredential {
    this.userHandle = options.user.id;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    // AAGUID of zeros: 'none' attestation says nothing about the model.
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, this.coseKey()]);
    const authData = this.authData(rpId, AT, attested);
    const attestationObject = cbor(
      new Map<string, Cbor>([
        ['fmt', 'none'],
        ['attStmt', {}],
        ['authData', authData],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, origin)),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: { credProps: { rk: true } },
      type: 'public-key',
    };
  }

  /** What `startAuthentication(options)` resolves to, on a page at `origin`; the counter moves. */
  authenticate(
    options: PasskeyRequestOptions,
    origin: string,
    rpId = options.rpId,
  ): PasskeyAuthenticationCredential {
    this.counter += 1;
    const authData = this.authData(rpId, 0);
    const clientData = this.clientData('webauthn.get', options.challenge, origin);
    // ECDSA over authData ‖ SHA-256(clientDataJSON), DER-encoded as WebAuthn wants it.
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(clientData)]),
      this.privateKey,
    );
    return {
      id: this.id,
      rawId: this.id,
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: this.userHandle,
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      type: 'public-key',
    };
  }
}
