import {
  newId,
  type PasskeyAuthenticationCredential,
  type PasskeyRegistrationCredential,
} from '@proofsheet/protocol';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Clock, Random } from '../../deps.js';
import { AppError } from '../../http/app-error.js';
import type { PasskeyRecord } from '../../storage/ports/passkey-store.js';
import type { Storage } from '../../storage/ports/storage.js';
import type { UserRecord } from '../../storage/ports/user-store.js';
import { PasskeyChallenges } from './passkey-challenges.js';
import { descriptorOf } from './passkey-view.js';
import type { RelyingParty } from './relying-party.js';

const TIMEOUT_MS = 60_000;
const RP_NAME = 'Proofsheet';

export interface PasskeysDeps {
  storage: Pick<Storage, 'passkeys' | 'users'>;
  clock: Clock;
  random: Random;
}

/** Why an answer was refused, as the audit log words it. */
export type PasskeyRefusal =
  | 'challenge_invalid'
  | 'unknown_passkey'
  | 'wrong_user'
  | 'signature_invalid'
  | 'counter_regression';

/** How checking an assertion went: the passkey and its user, or why not. */
export type AssertionOutcome =
  | { status: 'right'; passkey: PasskeyRecord; user: UserRecord }
  | { status: 'wrong'; reason: PasskeyRefusal; user: UserRecord | null };

/** What an assertion must have been asked for. */
export type AssertionPurpose =
  | { purpose: 'second_factor'; userId: string; mfaTokenHash: string }
  | { purpose: 'sign_in' };

/** The 422 of a new passkey that is refused; `why` names what, on the `credential` field. */
function rejected(why: string, message?: string): AppError {
  return new AppError('passkey_rejected', message, { credential: [why] });
}

/**
 * WebAuthn passkeys with @simplewebauthn/server: adding one (options, then the browser's
 * answer), listing, renaming and removing them, and checking assertions for the second step of
 * sign-in or for a passwordless one. Routes call this, never the store.
 *
 * Each challenge is random, stored by its hash, bound to what it was asked for (the user adding
 * a passkey, the pending sign-in of a second step) and consumed before its answer is checked:
 * an answer works once. An assertion must move the signature counter forward, in one
 * compare-and-set: a counter that goes back means a cloned authenticator, and is refused.
 */
export class Passkeys {
  private readonly challenges: PasskeyChallenges;

  constructor(private readonly deps: PasskeysDeps) {
    this.challenges = new PasskeyChallenges(deps);
  }

  private get store() {
    return this.deps.storage.passkeys;
  }

  async list(user: UserRecord): Promise<PasskeyRecord[]> {
    return this.store.listForUser(user.id);
  }

  async count(userId: string): Promise<number> {
    return this.store.countForUser(userId);
  }

  /** Options for `navigator.credentials.create()`: a discoverable credential for `user`. */
  async registrationOptions(user: UserRecord, rp: RelyingParty) {
    const existing = await this.list(user);
    const options = await generateRegistrationOptions({
      rpName: RP_NAME,
      rpID: rp.id,
      // The user handle is our user ID: random, no email in it, and it names the user back.
      userID: new TextEncoder().encode(user.id),
      userName: user.email,
      userDisplayName: `${user.firstName} ${user.lastName}`.trim() || user.email,
      challenge: this.challengeBytes(),
      timeout: TIMEOUT_MS,
      attestationType: 'none',
      // The same authenticator twice would be one passkey listed twice.
      excludeCredentials: existing.map(descriptorOf),
      // Discoverable: the passkey alone signs in, with no email typed first.
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    });
    await this.challenges.issue(options.challenge, 'registration', user.id, null);
    return options;
  }

  /** Adds the passkey a browser made from {@link registrationOptions}; 422 `passkey_rejected` else. */
  async register(
    user: UserRecord,
    credential: PasskeyRegistrationCredential,
    name: string | undefined,
    rp: RelyingParty,
  ): Promise<PasskeyRecord> {
    const challenge = await this.challenges.take(credential.response.clientDataJSON);
    const made = challenge?.record;
    if (!challenge || made?.purpose !== 'registration' || made.userId !== user.id) {
      throw rejected('answers no registration options of yours that are still open');
    }
    let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verified = await verifyRegistrationResponse({
        response: credential,
        expectedChallenge: challenge.value,
        expectedOrigin: [...rp.origins],
        expectedRPID: rp.id,
        requireUserVerification: false,
      });
    } catch (error) {
      // The library says what did not match (origin, RP ID, flags); nothing secret is in it.
      throw rejected(error instanceof Error ? error.message : 'does not verify');
    }
    if (!verified.verified) throw rejected('does not verify');
    const info = verified.registrationInfo;
    const now = this.deps.clock.now();
    const record: PasskeyRecord = {
      id: newId('passkey', (n) => this.deps.random.bytes(n)),
      userId: user.id,
      accountId: user.accountId,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: credential.response.transports ?? [],
      name: name?.trim() || (info.credentialBackedUp ? 'Synced passkey' : 'Passkey'),
      backedUp: info.credentialBackedUp,
      createdAt: now,
      lastUsedAt: null,
    };
    if (!(await this.store.create(record))) {
      throw rejected('is registered already', 'This passkey is registered already');
    }
    return record;
  }

  async rename(user: UserRecord, id: string, name: string): Promise<PasskeyRecord | null> {
    return this.store.rename(user.id, id, name.trim() || 'Passkey');
  }

  async remove(user: UserRecord, id: string): Promise<boolean> {
    return this.store.remove(user.id, id);
  }

  /**
   * Options for `navigator.credentials.get()`: for a second step, the user's passkeys; for a
   * passwordless sign-in, none named (any passkey of this site), the same for everyone, so
   * that the options tell nothing about who has an account.
   */
  async authenticationOptions(rp: RelyingParty, purpose: AssertionPurpose) {
    const user = purpose.purpose === 'second_factor' ? await this.userOf(purpose.userId) : null;
    const allow = user ? (await this.list(user)).map(descriptorOf) : [];
    const options = await generateAuthenticationOptions({
      rpID: rp.id,
      challenge: this.challengeBytes(),
      timeout: TIMEOUT_MS,
      allowCredentials: allow,
      // Alone, a passkey must prove its holder (PIN, biometrics); beside a password, presence is enough.
      userVerification: purpose.purpose === 'sign_in' ? 'required' : 'preferred',
    });
    await this.challenges.issue(
      options.challenge,
      purpose.purpose,
      purpose.purpose === 'second_factor' ? purpose.userId : null,
      purpose.purpose === 'second_factor' ? purpose.mfaTokenHash : null,
    );
    return { ...options, allowCredentials: options.allowCredentials ?? [] };
  }

  /** Checks an assertion against the challenge it answers and the passkey it names. */
  async verifyAssertion(
    credential: PasskeyAuthenticationCredential,
    rp: RelyingParty,
    expected: AssertionPurpose,
  ): Promise<AssertionOutcome> {
    const passkey = await this.store.findByCredentialId(credential.id);
    const owner = passkey ? await this.userOf(passkey.userId) : null;
    const wrong = (reason: PasskeyRefusal, user = owner): AssertionOutcome => ({
      status: 'wrong',
      reason,
      user,
    });
    const challenge = await this.challenges.take(credential.response.clientDataJSON);
    if (!challenge || challenge.record.purpose !== expected.purpose)
      return wrong('challenge_invalid');
    if (expected.purpose === 'second_factor') {
      // Bound to its pending sign-in: another sign-in's options cannot answer this one.
      if (challenge.record.mfaTokenHash !== expected.mfaTokenHash)
        return wrong('challenge_invalid');
    }
    if (!passkey || !owner) return wrong('unknown_passkey', null);
    if (expected.purpose === 'second_factor' && passkey.userId !== expected.userId) {
      return wrong('wrong_user');
    }
    // The user handle, when the authenticator gives one, must name the passkey's own user.
    const handle = credential.response.userHandle;
    if (handle && Buffer.from(handle, 'base64url').toString('utf8') !== passkey.userId) {
      return wrong('wrong_user');
    }
    let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      verified = await verifyAuthenticationResponse({
        response: credential,
        expectedChallenge: challenge.value,
        expectedOrigin: [...rp.origins],
        expectedRPID: rp.id,
        credential: {
          id: passkey.credentialId,
          publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
          counter: passkey.counter,
        },
        requireUserVerification: expected.purpose === 'sign_in',
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      return wrong(/counter/i.test(message) ? 'counter_regression' : 'signature_invalid');
    }
    if (!verified.verified) return wrong('signature_invalid');
    const now = this.deps.clock.now();
    const { newCounter } = verified.authenticationInfo;
    // Of two replays of one signature, the counter moves once: the other is a regression.
    if (!(await this.store.recordUse(passkey.id, passkey.counter, newCounter, now))) {
      return wrong('counter_regression');
    }
    return {
      status: 'right',
      passkey: { ...passkey, counter: newCounter, lastUsedAt: now },
      user: owner,
    };
  }

  private challengeBytes(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.deps.random.bytes(32));
  }

  private async userOf(userId: string): Promise<UserRecord | null> {
    return this.deps.storage.users.findById(userId);
  }
}
