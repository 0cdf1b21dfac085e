import type { ShareDownloads } from '@proofsheet/protocol';

/** A share link. Its secret is the token in its URL, of which only `tokenHash` is kept. */
export interface ShareLinkRecord {
  id: string;
  accountId: string;
  collectionId: number;
  tokenHash: string;
  /** The argon2 hash of the link's own password, or null. */
  passwordHash: string | null;
  downloads: ShareDownloads;
  /** The galleries it opens; null: every gallery a client may see. */
  galleryIds: number[] | null;
  /** Set for a single-photo link. */
  photoId: number | null;
  expiresAt: Date | null;
  visits: number;
  lastVisitedAt: Date | null;
  /** The user who made it. */
  createdBy: string | null;
  createdAt: Date;
}

/** A link with how many different visitors entered through it. */
export interface ShareLinkSummary extends ShareLinkRecord {
  visitors: number;
}

/**
 * Share links of collections. Revoking is deleting: the link, its visitor sessions and its
 * visit records go in one transaction, so that no request after it finds anything to accept.
 * The visitors themselves stay (their emails and favorites belong to the collection).
 */
export interface ShareLinkStore {
  /** `false` when the id or the token hash is taken (the caller draws again). */
  create(link: ShareLinkRecord): Promise<boolean>;
  /** The link a URL's token opens, by the token's hash. */
  findByTokenHash(tokenHash: string): Promise<ShareLinkRecord | null>;
  findById(accountId: string, id: string): Promise<ShareLinkRecord | null>;
  /**
   * Newest first. `photoLinks`: only single-photo links (true), only the others (false), or
   * both (absent).
   */
  listForCollection(
    accountId: string,
    collectionId: number,
    options: { offset: number; limit: number; photoLinks?: boolean },
  ): Promise<{ items: ShareLinkSummary[]; total: number }>;
  /** Links of the collection that have not expired by `now`. */
  countActive(accountId: string, collectionId: number, now: Date): Promise<number>;
  /** Revokes: deletes the link with its sessions and visit records. `false`: no such link. */
  delete(accountId: string, id: string): Promise<boolean>;
}
