import type { MfaMethod, PasskeyAuthenticationCredential } from '@proofsheet/protocol';
import QRCode from 'qrcode';
import type { AuditLog, RequestMeta } from '../../audit/audit-log.js';
import { userEvent } from '../../audit/auth-events.js';
import type { Config } from '../../config/config.js';
import type { Clock, Random } from '../../deps.js';
import { AppError } from '../../http/app-error.js';
import type { Storage } from '../../storage/ports/storage.js';
import type { TotpAudience } from '../../storage/ports/two-factor-store.js';
import type { UserRecord } from '../../storage/ports/user-store.js';
import { type LoginThrottle, throttledError } from '../login-throttle.js';
import type { Passkeys } from '../passkeys/passkeys.js';
import type { RelyingParty } from '../passkeys/relying-party.js';
import { hashSecret, newSecret } from '../tokens.js';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';
import type { SecretBox } from './secret-box.js';
import { base32Of, matchTotp, otpauthUrl, TOTP_SECRET_BYTES } from './totp.js';

/** Wrong codes one pending sign-in may take before it ends (the password is asked again). */
export const MAX_CHALLENGE_FAILURES = 5;

export interface TwoFactorDeps {
  /** Wrong codes, used recovery codes and factor changes go into the studio's log. */
  audit: AuditLog;
  storage: Pick<Storage, 'twoFactor' | 'users' | 'accounts'>;
  config: Pick<Config, 'mfaChallengeLifetimeMs' | 'recentSignInMs'>;
  clock: Clock;
  random: Random;
  box: SecretBox;
  /** Counts wrong codes per user and IP, as sign-ins count wrong passwords (namespace `mfa`). */
  throttle: LoginThrottle;
  /** A passkey is a second factor too. */
  passkeys: Passkeys;
}

/** A pending sign-in: what `POST /login` hands out instead of cookies. */
export interface MfaChallenge {
  token: string;
  expiresAt: Date;
  methods: MfaMethod[];
}

/** What the second step was given: a code from the app, a recovery code, or a passkey's answer. */
export type SecondFactorProof =
  | { code: string }
  | { recoveryCode: string }
  | { passkey: PasskeyAuthenticationCredential; rp: RelyingParty };

function methodOf(proof: SecondFactorProof): MfaMethod {
  if ('passkey' in proof) return 'passkey';
  return 'code' in proof ? 'totp' : 'recovery_code';
}

/**
 * Second factors: setting up an authenticator app (TOTP) with recovery codes, removing it, and
 * the second step of sign-in. Routes call this, never the store.
 *
 * A code is single-use per API: the step it was made for is recorded atomically, and a code
 * for that step or an earlier one is refused there, so a code seen over a shoulder cannot be
 * replayed within its 90 seconds. One code may sign the person in to both APIs, as the CLI's
 * `login` does; the two are one person's two doors, each with its own cookies. Wrong codes are throttled per user and IP like passwords, and a pending
 * sign-in ends after {@link MAX_CHALLENGE_FAILURES}: a million codes cannot be tried.
 */
export class TwoFactor {
  constructor(private readonly deps: TwoFactorDeps) {}

  private get store() {
    return this.deps.storage.twoFactor;
  }

  /** Whether signing in as the user needs a second step. */
  async required(userId: string): Promise<boolean> {
    return (await this.methods(userId)).length > 0;
  }

  /** The second factors the user can answer with: an app and its recovery codes, passkeys. */
  async methods(userId: string): Promise<MfaMethod[]> {
    const [factor, passkeys] = await Promise.all([
      this.store.findTotp(userId),
      this.deps.passkeys.count(userId),
    ]);
    const methods: MfaMethod[] = factor?.confirmedAt != null ? ['totp', 'recovery_code'] : [];
    if (passkeys > 0) methods.push('passkey');
    return methods;
  }

  /** What the user's settings page shows. */
  async status(userId: string) {
    const [factor, remaining, passkeys] = await Promise.all([
      this.store.findTotp(userId),
      this.store.countRecoveryCodes(userId),
      this.deps.passkeys.count(userId),
    ]);
    const totp = factor?.confirmedAt != null;
    return {
      enabled: totp || passkeys > 0,
      totp: {
        enabled: totp,
        confirmed_at: factor?.confirmedAt?.toISOString() ?? null,
        pending: factor !== null && factor.confirmedAt === null,
      },
      recovery_codes: { remaining: totp ? remaining : 0 },
      passkeys: { count: passkeys },
    };
  }

  /** Starts a sign-in's second step, after its password was right. */
  async challenge(user: UserRecord): Promise<MfaChallenge> {
    const now = this.deps.clock.now();
    const token = newSecret(this.deps.random);
    const expiresAt = new Date(now.getTime() + this.deps.config.mfaChallengeLifetimeMs);
    const [methods] = await Promise.all([
      this.methods(user.id),
      this.store.createChallenge({
        tokenHash: hashSecret(token),
        userId: user.id,
        createdAt: now,
        expiresAt,
        failures: 0,
      }),
    ]);
    return { token, expiresAt, methods };
  }

  /**
   * The user of a pending sign-in that is still open, for options of its passkey step; else
   * `mfa_token_invalid`. The token stays open: only an answer to the options uses it up.
   */
  async pendingUser(token: string): Promise<{ user: UserRecord; tokenHash: string }> {
    const tokenHash = hashSecret(token);
    const challenge = await this.store.findChallenge(tokenHash);
    if (!challenge || challenge.expiresAt <= this.deps.clock.now()) {
      throw new AppError('mfa_token_invalid');
    }
    const user = await this.deps.storage.users.findById(challenge.userId);
    if (!user) throw new AppError('mfa_token_invalid');
    return { user, tokenHash };
  }

  /**
   * Completes a sign-in's second step: the user, when the proof is right; else an error
   * (`mfa_token_invalid`, `mfa_code_invalid`, or 429 while throttled).
   */
  async complete(
    token: string,
    proof: SecondFactorProof,
    meta: RequestMeta,
    audience: TotpAudience,
  ): Promise<{ user: UserRecord; method: MfaMethod }> {
    const now = this.deps.clock.now();
    const tokenHash = hashSecret(token);
    const challenge = await this.store.findChallenge(tokenHash);
    if (!challenge || challenge.expiresAt <= now) {
      if (challenge) await this.store.consumeChallenge(tokenHash);
      throw new AppError('mfa_token_invalid');
    }
    const user = await this.deps.storage.users.findById(challenge.userId);
    if (!user) throw new AppError('mfa_token_invalid');

    const method = methodOf(proof);
    let refusal = 'wrong_code';
    const failed = (reason: string) =>
      this.deps.audit.record(meta, userEvent('mfa.failed', user, { reason, method }));
    const outcome = await this.deps.throttle.guess(user.id, meta.ip, now, async () => {
      if (!('passkey' in proof)) return this.verify(user.id, proof, now, audience);
      const checked = await this.deps.passkeys.verifyAssertion(proof.passkey, proof.rp, {
        purpose: 'second_factor',
        userId: user.id,
        mfaTokenHash: tokenHash,
      });
      if (checked.status === 'right') return 'passkey' as const;
      refusal = checked.reason;
      return null;
    });
    if (outcome.status === 'throttled') {
      await failed('too_many_failures');
      throw throttledError(outcome.waitMs, 'Too many wrong codes');
    }
    if (outcome.status === 'wrong') {
      await failed(refusal);
      const failures = await this.store.failChallenge(tokenHash);
      if (failures >= MAX_CHALLENGE_FAILURES) {
        await this.store.consumeChallenge(tokenHash);
        throw new AppError(
          'mfa_token_invalid',
          'Too many wrong codes for this sign-in; sign in with your password again',
        );
      }
      throw new AppError(method === 'passkey' ? 'passkey_invalid' : 'mfa_code_invalid');
    }
    // Of two right answers to one challenge (two recovery codes at once), one signs in.
    if (!(await this.store.consumeChallenge(tokenHash))) throw new AppError('mfa_token_invalid');
    if (outcome.value === 'recovery_code') {
      const remaining = await this.store.countRecoveryCodes(user.id);
      await this.deps.audit.record(
        meta,
        userEvent('recovery_code.used', user, {
          method: 'recovery_code',
          remaining_codes: remaining,
        }),
      );
    }
    return { user, method: outcome.value };
  }

  private async verify(
    userId: string,
    proof: { code: string } | { recoveryCode: string },
    now: Date,
    audience: TotpAudience,
  ): Promise<MfaMethod | null> {
    if ('recoveryCode' in proof) {
      const used = await this.store.useRecoveryCode(
        userId,
        recoveryCodeHash(proof.recoveryCode),
        now,
      );
      return used ? 'recovery_code' : null;
    }
    const factor = await this.store.findTotp(userId);
    if (!factor?.confirmedAt) return null;
    const secret = this.deps.box.open(factor.sealedSecret, userId);
    if (!secret)
      throw new Error(`The TOTP secret of ${userId} does not open with this server's key`);
    const step = matchTotp(secret, proof.code, now.getTime());
    if (step === null) return null;
    return (await this.store.useTotpStep(userId, step, audience)) ? 'totp' : null;
  }

  /**
   * Starts setting up an authenticator app: a new secret, kept sealed and pending until
   * {@link confirm}. 409 when the user already has one (remove it first).
   */
  async start(user: UserRecord) {
    const now = this.deps.clock.now();
    const secret = this.deps.random.bytes(TOTP_SECRET_BYTES);
    const started = await this.store.startTotp({
      userId: user.id,
      sealedSecret: this.deps.box.seal(secret, user.id),
      createdAt: now,
      confirmedAt: null,
      lastSteps: { studio: 0, gallery: 0 },
    });
    if (!started) {
      throw new AppError('conflict', 'An authenticator app is already set up: remove it first');
    }
    const account = await this.deps.storage.accounts.findById(user.accountId);
    const url = otpauthUrl(secret, account?.name ?? 'Proofsheet', user.email);
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return {
      secret: base32Of(secret),
      otpauth_url: url,
      qr_code: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      algorithm: 'SHA1' as const,
      digits: 6 as const,
      period: 30 as const,
    };
  }

  /**
   * Confirms the pending app with its first code, which turns two-factor sign-in on, and
   * returns new recovery codes: the only time they are readable.
   */
  async confirm(user: UserRecord, code: string): Promise<string[]> {
    const now = this.deps.clock.now();
    const factor = await this.store.findTotp(user.id);
    if (!factor) throw new AppError('conflict', 'Start setting up an authenticator app first');
    if (factor.confirmedAt)
      throw new AppError('conflict', 'The authenticator app is already confirmed');
    const secret = this.deps.box.open(factor.sealedSecret, user.id);
    const step = secret ? matchTotp(secret, code, now.getTime()) : null;
    if (step === null) {
      throw new AppError(
        'validation_failed',
        'The code does not match; check the time on your phone',
        {
          code: ['does not match the authenticator app'],
        },
      );
    }
    const codes = newRecoveryCodes(this.deps.random);
    const confirmed = await this.store.confirmTotp(user.id, step, now, codes.map(recoveryCodeHash));
    if (!confirmed) throw new AppError('conflict', 'The set-up changed meanwhile; start again');
    return codes;
  }

  /** Removes the app and its recovery codes: sign-in asks for the password alone again. */
  async remove(userId: string): Promise<boolean> {
    return this.store.removeTotp(userId);
  }

  /** New recovery codes in place of every old one. 409 without an app. */
  async regenerate(userId: string): Promise<string[]> {
    if (!(await this.required(userId))) {
      throw new AppError(
        'conflict',
        'Recovery codes come with an authenticator app: set one up first',
      );
    }
    const codes = newRecoveryCodes(this.deps.random);
    await this.store.replaceRecoveryCodes(
      userId,
      codes.map(recoveryCodeHash),
      this.deps.clock.now(),
    );
    return codes;
  }
}
