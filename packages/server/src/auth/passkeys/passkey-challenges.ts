import type { Clock } from '../../deps.js';
import type {
  PasskeyChallengePurpose,
  PasskeyChallengeRecord,
} from '../../storage/ports/passkey-store.js';
import type { Storage } from '../../storage/ports/storage.js';
import { hashSecret } from '../tokens.js';
import { challengeOf } from './client-data.js';

/** How long a browser has to answer a challenge: WebAuthn's own timeout, and a little slack. */
export const PASSKEY_CHALLENGE_MS = 5 * 60_000;

/**
 * The challenges handed to browsers: stored by hash with what they were made for, and taken
 * (deleted) by the answer that names them, before the answer is checked: each works once.
 */
export class PasskeyChallenges {
  constructor(private readonly deps: { storage: Pick<Storage, 'passkeys'>; clock: Clock }) {}

  /** Stores a challenge by its hash: a leaked table answers nothing. */
  async issue(
    challenge: string,
    purpose: PasskeyChallengePurpose,
    userId: string | null,
    mfaTokenHash: string | null,
  ): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.storage.passkeys.createChallenge({
      challengeHash: hashSecret(challenge),
      purpose,
      userId,
      mfaTokenHash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_MS),
    });
  }

  /** The challenge an answer names, consumed: whatever the answer turns out to be, it is used. */
  async take(
    clientDataJSON: string,
  ): Promise<{ value: string; record: PasskeyChallengeRecord } | null> {
    const value = challengeOf(clientDataJSON);
    if (!value) return null;
    const record = await this.deps.storage.passkeys.consumeChallenge(
      hashSecret(value),
      this.deps.clock.now(),
    );
    return record ? { value, record } : null;
  }
}
