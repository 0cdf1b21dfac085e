import type { ShareDownloads } from '@proofsheet/protocol';

/**
 * A share-link visitor that a request's cookie proves, as the auth guard found it: read from
 * the store on every request (never cached), so that revoking the link, its expiry and a new
 * collection password take effect at the visitor's next request, on every instance.
 */
export interface VisitorAccess {
  /** The hash of the cookie's token: the session's key. */
  tokenHash: string;
  /** The CSRF token the visitor's unsafe requests must carry. */
  csrfToken: string;
  visitorId: string;
  email: string;
  accountId: string;
  collectionId: number;
  linkId: string;
  /** The galleries the link opens; null: every gallery a client may see. */
  galleryIds: readonly number[] | null;
  /** Set for a single-photo link. */
  photoId: number | null;
  downloads: ShareDownloads;
  /** The collection has a password this visitor has not entered (or entered before it changed). */
  locked: boolean;
  /** When the session ends at the latest. */
  expiresAt: Date;
}

/** Finds the visitor a cookie value stands for; null for none, a revoked link or an expiry. */
export interface VisitorResolver {
  resolve(cookie: string | undefined): Promise<VisitorAccess | null>;
}
