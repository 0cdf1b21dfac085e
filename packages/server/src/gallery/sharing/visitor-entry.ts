import { newId } from '@proofsheet/protocol';
import type { LoginThrottle } from '../../auth/login-throttle.js';
import type { PasswordHasher } from '../../auth/password.js';
import { hashSecret, isSecretShaped, newSecret, visitorCsrfTokenFor } from '../../auth/tokens.js';
import type { Config } from '../../config/config.js';
import type { Clock, Random } from '../../deps.js';
import type { CollectionView } from '../../storage/ports/collection-store.js';
import type { ShareLinkRecord } from '../../storage/ports/share-link-store.js';
import type { Storage } from '../../storage/ports/storage.js';
import type { VisitorRecord } from '../../storage/ports/visitor-store.js';
import { calendarDate } from '../calendar-date.js';
import { passwordStamp } from './password-stamp.js';

/** What entering through a link needs. */
export interface EntryContext {
  storage: Pick<Storage, 'shareLinks' | 'visitors' | 'collections' | 'accounts'>;
  clock: Clock;
  random: Random;
  config: Pick<Config, 'visitorSessionLifetimeMs'>;
  passwords: PasswordHasher;
  /** Guesses of link and collection passwords, throttled like logins (by link). */
  throttle: LoginThrottle;
}

/** A link that opens, and what its visitors must enter. */
export interface OpenLink {
  status: 'open';
  link: ShareLinkRecord;
  collection: CollectionView;
  linkPassword: boolean;
  collectionPassword: boolean;
}

/** What a token in a URL opens: a link, or nothing (unknown or revoked), or no more (expired). */
export type LinkState = OpenLink | { status: 'unknown' } | { status: 'expired' };

/** How an entry went. */
export type EntryOutcome =
  | {
      status: 'entered';
      /** The visitor cookie's value: a new random secret, of which only its hash is stored. */
      token: string;
      csrfToken: string;
      visitor: VisitorRecord;
      collectionId: number;
      expiresAt: Date;
    }
  | { status: 'unknown' }
  | { status: 'expired' }
  | { status: 'wrong_password' }
  | { status: 'throttled'; waitMs: number };

/** What a visitor sends to enter. */
export interface EntryForm {
  email: string;
  password?: string | undefined;
  collection_password?: string | undefined;
}

/**
 * The link a URL's token names, if it still opens: not revoked, not past its own expiry, and
 * its collection not past its expiry date where the studio is (the gallery clients' rule).
 */
export async function openLink(ctx: EntryContext, token: string): Promise<LinkState> {
  // A token not shaped like ours is not looked up.
  if (!isSecretShaped(token)) return { status: 'unknown' };
  const link = await ctx.storage.shareLinks.findByTokenHash(hashSecret(token));
  if (!link) return { status: 'unknown' };
  const now = ctx.clock.now();
  if (link.expiresAt !== null && link.expiresAt <= now) return { status: 'expired' };
  const [collection, account] = await Promise.all([
    ctx.storage.collections.findById(link.accountId, link.collectionId),
    ctx.storage.accounts.findById(link.accountId),
  ]);
  if (!collection || !account) return { status: 'unknown' };
  const today = calendarDate(now, account.timezone);
  if (collection.expiryDate !== null && collection.expiryDate < today) {
    return { status: 'expired' };
  }
  return {
    status: 'open',
    link,
    collection,
    linkPassword: link.passwordHash !== null,
    collectionPassword: collection.passwordProtected,
  };
}

/** Whether both passwords asked for were given right; each one asked is verified. */
async function passwordsRight(
  ctx: EntryContext,
  open: OpenLink,
  form: EntryForm,
): Promise<true | null> {
  const checks: Promise<boolean>[] = [];
  if (open.linkPassword) {
    checks.push(ctx.passwords.verify(open.link.passwordHash, form.password ?? ''));
  }
  if (open.collectionPassword) {
    // A protected collection with no stored password (from before they were stored) verifies
    // against the hasher's dummy, which nothing matches: it stays closed.
    checks.push(ctx.passwords.verify(open.collection.passwordHash, form.collection_password ?? ''));
  }
  const results = await Promise.all(checks);
  return results.every(Boolean) ? true : null;
}

/**
 * Enters through a link: checks it still opens, checks the passwords it asks for (each try
 * throttled like a login, by link and IP), then records the visitor (found by email, or new) and
 * starts their session, bound to the link. `replaces`: the visitor cookie the browser already
 * holds, whose session this one replaces.
 */
export async function enterLink(
  ctx: EntryContext,
  token: string,
  form: EntryForm,
  meta: { ip: string; replaces: string | undefined },
): Promise<EntryOutcome> {
  const state = await openLink(ctx, token);
  if (state.status !== 'open') return state;
  const { link, collection } = state;
  const now = ctx.clock.now();
  if (state.linkPassword || state.collectionPassword) {
    const outcome = await ctx.throttle.guess(link.id, meta.ip, now, () =>
      passwordsRight(ctx, state, form),
    );
    if (outcome.status === 'throttled') return outcome;
    if (outcome.status === 'wrong') return { status: 'wrong_password' };
  }

  // A fresh secret for every entry: prevents session fixation, as at sign-in.
  const visitorToken = newSecret(ctx.random);
  const lifetimeEnd = new Date(now.getTime() + ctx.config.visitorSessionLifetimeMs);
  const expiresAt =
    link.expiresAt !== null && link.expiresAt < lifetimeEnd ? link.expiresAt : lifetimeEnd;
  const visitor = await ctx.storage.visitors.enter({
    newVisitorId: newId('visitor', (n) => ctx.random.bytes(n)),
    accountId: link.accountId,
    collectionId: link.collectionId,
    linkId: link.id,
    email: form.email.trim(),
    session: {
      // Store only a hash of the token: a leaked table grants nothing.
      tokenHash: hashSecret(visitorToken),
      passwordStamp: state.collectionPassword ? passwordStamp(collection.passwordHash) : null,
      expiresAt,
    },
    at: now,
    ...(isSecretShaped(meta.replaces) ? { replaces: hashSecret(meta.replaces) } : {}),
  });
  // Revoked between the check and the write: nothing was written.
  if (!visitor) return { status: 'unknown' };
  return {
    status: 'entered',
    token: visitorToken,
    csrfToken: visitorCsrfTokenFor(visitorToken),
    visitor,
    collectionId: link.collectionId,
    expiresAt,
  };
}
