import type { DownloadSize, DownloadSubject } from '@proofsheet/protocol';

/** One download, recorded when its response starts; `finish` says how it ended. */
export interface DownloadRecord {
  id: string;
  accountId: string;
  collectionId: number;
  /** `null` for a collection's ZIP. */
  galleryId: number | null;
  /** `null` for a ZIP. */
  photoId: number | null;
  subject: DownloadSubject;
  size: DownloadSize;
  /** The file name the download was offered under. */
  filename: string;
  /** Who downloaded: a user id (a share-link visitor's id, once there are visitors). */
  viewerKey: string;
  email: string | null;
  ip: string;
  userAgent: string | null;
  /** Where the response started in the file: 0, or the start of a `Range`. */
  rangeStart: number;
  /** Bytes the response was to carry. */
  bytesExpected: number;
  /** Bytes it carried; `null` until it closed. */
  bytesSent: number | null;
  completed: boolean;
  createdAt: Date;
  finishedAt: Date | null;
}

/** How a download's response ended. */
export interface DownloadOutcome {
  bytesSent: number;
  /** Every expected byte was written. */
  completed: boolean;
  at: Date;
}

/** The downloads of one photo or video, on its own (not in a ZIP). */
export interface MediaDownloadCount {
  photoId: number;
  galleryId: number;
  /** The file name of its latest download. */
  filename: string;
  /** Downloads that started at byte 0: a resumed download is not counted twice. */
  downloadCount: number;
  /** Bytes all its downloads carried, resumed parts included. */
  bytesSent: number;
  lastDownloadedAt: Date;
  /** Its latest downloads, newest first. */
  recent: DownloadRecord[];
}

export interface DownloadListOptions {
  offset: number;
  limit: number;
  /** Only downloads of these subjects. */
  subjects?: readonly DownloadSubject[];
}

/**
 * Downloads of the Gallery API, for the studio's tracking endpoints. Append-only apart from
 * `finish`; each account's records are its own.
 */
export interface DownloadStore {
  record(download: DownloadRecord): Promise<void>;
  /** Sets how a download ended, once: `false` if there was no such unfinished download. */
  finish(id: string, outcome: DownloadOutcome): Promise<boolean>;
  /** A collection's downloads, newest first. */
  list(
    accountId: string,
    collectionId: number,
    options: DownloadListOptions,
  ): Promise<{ items: DownloadRecord[]; total: number }>;
  /**
   * A collection's single photo (or video) downloads per photo: most downloaded first (then by
   * photo id), each with its `recent` latest downloads.
   */
  countsByPhoto(
    accountId: string,
    collectionId: number,
    options: { subject: 'photo' | 'video'; offset: number; limit: number; recent: number },
  ): Promise<{ items: MediaDownloadCount[]; total: number }>;
}
