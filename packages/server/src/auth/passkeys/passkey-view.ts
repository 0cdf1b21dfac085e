import type { Passkey } from '@proofsheet/protocol';
import type { AuthenticatorTransport } from '@simplewebauthn/server';
import type { PasskeyRecord } from '../../storage/ports/passkey-store.js';

/** A passkey as options name it, to exclude it or to allow it. */
export function descriptorOf(p: PasskeyRecord) {
  // Stored as the browser reported them; WebAuthn asks that unknown transports be kept.
  return { id: p.credentialId, transports: [...p.transports] as AuthenticatorTransport[] };
}

/** A passkey as the API shows it. */
export function passkeyView(p: PasskeyRecord): Passkey {
  return {
    id: p.id,
    name: p.name,
    created_at: p.createdAt.toISOString(),
    last_used_at: p.lastUsedAt?.toISOString() ?? null,
    transports: [...p.transports],
    backed_up: p.backedUp,
  };
}
