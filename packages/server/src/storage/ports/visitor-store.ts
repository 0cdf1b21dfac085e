import type { ShareLinkRecord } from './share-link-store.js';

/** A share-link visitor: one email address in one collection, whichever link brought them. */
export interface VisitorRecord {
  id: string;
  accountId: string;
  collectionId: number;
  email: string;
  firstVisitedAt: Date;
  lastVisitedAt: Date;
  lastSeenAt: Date;
  visits: number;
}

/** A visitor's session, bound to one link. Only the hash of its token is stored. */
export interface VisitorSessionRecord {
  tokenHash: string;
  visitorId: string;
  linkId: string;
  accountId: string;
  collectionId: number;
  /**
   * Which collection password the visitor entered: a hash of its hash then, or null if none
   * was asked. A new password has another stamp, so it locks out every earlier entry.
   */
  passwordStamp: string | null;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
}

/**
 * What a visitor's cookie stands for, read fresh on every request: the session, its visitor,
 * its link as it is now, and the collection's password as it is now.
 */
export interface VisitRecord {
  session: VisitorSessionRecord;
  visitor: VisitorRecord;
  link: ShareLinkRecord;
  collection: { passwordProtected: boolean; passwordHash: string | null };
}

/** An entry through a link: who, where, and the session it starts. */
export interface VisitorEntryRecord {
  /** Used if the email is new to the collection; else the existing visitor is found. */
  newVisitorId: string;
  accountId: string;
  collectionId: number;
  linkId: string;
  email: string;
  session: Pick<VisitorSessionRecord, 'tokenHash' | 'passwordStamp' | 'expiresAt'>;
  at: Date;
  /** A session of the same browser to end (its cookie is being replaced). */
  replaces?: string;
}

/** Visitors of share links and their sessions. */
export interface VisitorStore {
  /**
   * In one transaction: finds or creates the visitor of the collection with that email (case
   * does not matter), counts the visit on the visitor, the link and the pair, ends the session
   * it replaces and starts the new one. `null`: the link was revoked meanwhile (nothing written).
   */
  enter(entry: VisitorEntryRecord): Promise<VisitorRecord | null>;
  /** The session a token hash names, with its link and collection; null once either is gone. */
  resolve(tokenHash: string): Promise<VisitRecord | null>;
  /** Records activity of a session and its visitor. */
  touch(tokenHash: string, visitorId: string, at: Date): Promise<void>;
  /** Ends a session (sign-out, or one found expired). */
  endSession(tokenHash: string): Promise<void>;
  /** Deletes every session whose lifetime ended by `now`, and returns how many. */
  deleteExpiredSessions(now: Date): Promise<number>;
  /** A collection's visitors, most recent entry first. */
  listForCollection(
    accountId: string,
    collectionId: number,
    options: { offset: number; limit: number },
  ): Promise<{ items: VisitorRecord[]; total: number }>;
}
