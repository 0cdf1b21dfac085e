import { newId } from '@proofsheet/protocol';
import type { Config } from '../config/config.js';
import type { Clock, Random } from '../deps.js';
import type { LoginRecord, SessionStore } from '../storage/ports/session-store.js';
import type { UserRecord } from '../storage/ports/user-store.js';
import { hashSecret, isSecretShaped, newSecret, successorsOf } from './tokens.js';

/** Record activity at most this often: sliding the idle window is not a write per request. */
export const TOUCH_INTERVAL_MS = 60_000;

/** A session the request proved it holds. */
export interface ActiveSession {
  login: LoginRecord;
  /** The raw session id from the cookie; never stored, never logged. */
  sessionId: string;
  expiresAt: Date;
  idleExpiresAt: Date;
}

/** Secrets to hand to the client in cookies. */
export interface IssuedSession {
  login: LoginRecord;
  sessionId: string;
  authToken: string;
}

export type RefreshOutcome =
  | { kind: 'issued'; session: IssuedSession }
  | { kind: 'rejected'; reason: 'unknown' | 'expired' | 'reused' };

/**
 * The session lifecycle: sign-in, validation with a sliding idle window, refresh with auth-token
 * rotation and reuse detection, the user's list of logins, revocation and sign-out. Routes call
 * this, never the store. Stateless itself; state lives in the store.
 */
export class SessionService {
  private readonly touching = new Map<string, Promise<void>>();

  constructor(
    private readonly store: SessionStore,
    private readonly config: Pick<
      Config,
      'sessionIdleMs' | 'sessionLifetimeMs' | 'authTokenLifetimeMs' | 'refreshGraceMs'
    >,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  /** Starts a new login. Always a fresh session id: prevents session fixation. */
  async signIn(
    user: UserRecord,
    meta: {
      userAgent: string | null;
      ip: string | null;
      /**
       * When the user last proved who they are, if not now: a studio switch carries its old
       * sign-in's time, so that switching never counts as a recent sign-in.
       */
      signedInAt?: Date;
    },
  ): Promise<IssuedSession> {
    const now = this.clock.now();
    const sessionId = newSecret(this.random);
    const authToken = newSecret(this.random);
    const login: LoginRecord = {
      id: newId('login', (n) => this.random.bytes(n)),
      userId: user.id,
      accountId: user.accountId,
      role: user.role,
      sessionHash: hashSecret(sessionId),
      sessionCreatedAt: now,
      lastSeenAt: now,
      authTokenHash: hashSecret(authToken),
      authTokenExpiresAt: new Date(now.getTime() + this.config.authTokenLifetimeMs),
      createdAt: meta.signedInAt ?? now,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip,
    };
    await this.store.create(login);
    return { login, sessionId, authToken };
  }

  /** When a login's current session ends: at its absolute lifetime and when idle. */
  expiry(login: LoginRecord): { expiresAt: Date; idleExpiresAt: Date } {
    const expiresAt = new Date(login.sessionCreatedAt.getTime() + this.config.sessionLifetimeMs);
    const idle = new Date(login.lastSeenAt.getTime() + this.config.sessionIdleMs);
    return { expiresAt, idleExpiresAt: idle < expiresAt ? idle : expiresAt };
  }

  /** The session a cookie value names, if it is live; slides its idle window. */
  async authenticate(sessionId: string | undefined): Promise<ActiveSession | null> {
    if (!isSecretShaped(sessionId)) return null;
    const login = await this.store.findBySessionHash(hashSecret(sessionId));
    if (!login) return null;
    const now = this.clock.now();
    const { expiresAt, idleExpiresAt } = this.expiry(login);
    if (now >= expiresAt || now >= idleExpiresAt) return null;
    if (now.getTime() - login.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.touchOnce(login.id, now);
      login.lastSeenAt = now;
    }
    return { login, sessionId, ...this.expiry(login) };
  }

  /**
   * Concurrent requests of one session that all find it due for a touch share one write: the
   * window is a minute wide, not a request wide.
   */
  private touchOnce(loginId: string, now: Date): Promise<void> {
    const pending = this.touching.get(loginId);
    if (pending) return pending;
    const write = this.store.touch(loginId, now).finally(() => this.touching.delete(loginId));
    this.touching.set(loginId, write);
    return write;
  }

  /**
   * Renews a session with the auth token. The token is single-use: a token presented again
   * after the grace window means it was copied, so the whole login is revoked.
   */
  async refresh(authToken: string | undefined): Promise<RefreshOutcome> {
    if (!isSecretShaped(authToken)) return { kind: 'rejected', reason: 'unknown' };
    const now = this.clock.now();
    const next = successorsOf(authToken);
    const result = await this.store.rotate(hashSecret(authToken), {
      sessionHash: hashSecret(next.sessionId),
      authTokenHash: hashSecret(next.authToken),
      authTokenExpiresAt: new Date(now.getTime() + this.config.authTokenLifetimeMs),
      now,
    });
    if (result.kind === 'rotated') {
      return { kind: 'issued', session: { login: result.login, ...next } };
    }
    if (result.kind === 'unknown') return { kind: 'rejected', reason: 'unknown' };
    const { login, retiredAt } = result;
    const withinGrace = now.getTime() - retiredAt.getTime() <= this.config.refreshGraceMs;
    // A concurrent refresh with the same token: the successor is still the login's session.
    if (login && withinGrace && login.sessionHash === hashSecret(next.sessionId)) {
      return { kind: 'issued', session: { login, ...next } };
    }
    if (login) await this.store.delete(login.id);
    return { kind: 'rejected', reason: 'reused' };
  }

  /** Ends a login: its session and its auth token. */
  async signOut(loginId: string): Promise<boolean> {
    return this.store.delete(loginId);
  }

  /**
   * Ends the login an auth token belongs to, for sign-out after the session itself expired;
   * returns that login (for the studio's log) when this call ended it, else null.
   */
  async signOutByAuthToken(authToken: string | undefined): Promise<LoginRecord | null> {
    if (!isSecretShaped(authToken)) return null;
    const login = await this.store.findByAuthTokenHash(hashSecret(authToken));
    return login && (await this.store.delete(login.id)) ? login : null;
  }

  /** The user's logins that can still be used: the session is live or its auth token can renew it. */
  async listForUser(userId: string): Promise<LoginRecord[]> {
    const now = this.clock.now();
    const logins = await this.store.listForUser(userId);
    return logins.filter((l) => l.authTokenExpiresAt > now || this.expiry(l).idleExpiresAt > now);
  }

  /**
   * Ends one of the user's logins. False when there is none with that id, or it is another
   * user's: callers report both alike, so that ids of others are not confirmed.
   */
  async revoke(userId: string, loginId: string): Promise<boolean> {
    const login = await this.store.findById(loginId);
    if (!login || login.userId !== userId) return false;
    return this.store.delete(loginId);
  }

  /** Ends every login of the user, sessions and auth tokens alike; returns how many ended. */
  async revokeAll(userId: string): Promise<number> {
    return this.store.deleteForUser(userId);
  }

  /**
   * Ends the user's logins in one studio (after a role change or a removal there), leaving
   * their sign-ins to other studios alone; returns how many ended. Through the list and
   * one delete per login, so that every session store serves it as it is.
   */
  async revokeInStudio(userId: string, accountId: string): Promise<number> {
    const logins = await this.store.listForUser(userId);
    let ended = 0;
    for (const login of logins) {
      if (login.accountId === accountId && (await this.store.delete(login.id))) ended += 1;
    }
    return ended;
  }

  /** Ends every login of the user but `keepLoginId`; returns how many ended. */
  async revokeOthers(userId: string, keepLoginId: string): Promise<number> {
    return this.store.deleteForUser(userId, keepLoginId);
  }
}
