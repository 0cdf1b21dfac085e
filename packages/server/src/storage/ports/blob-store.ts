import type { Readable } from 'node:stream';

/** What {@link BlobStore.put} is told about the bytes. */
export interface PutBlobOptions {
  contentType: string;
  /** The SHA-256 (lowercase hex) the caller expects: any other content is refused, nothing kept. */
  expectedSha256?: string;
  /** More bytes than this are refused, nothing kept. */
  maxBytes?: number;
}

/** A stored blob: its SHA-256 (lowercase hex) and size in bytes. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

/** A stored blob as a listing shows it, with when it was written (the store's own clock). */
export interface ListedBlob extends StoredBlob {
  lastModified: Date;
}

/** An inclusive byte range, as HTTP Range has it; `end` past the last byte reads to the end. */
export interface BlobRange {
  start?: number;
  end?: number;
}

/** How a read is made; a store may ignore what it cannot do. */
export interface BlobReadOptions {
  /**
   * Bytes per read from the store. Small reads suit many streams at once; a download of
   * large files goes faster in large ones (fewer trips to the disk, fewer chunks to pass on).
   * @default 64 KiB on the file store
   */
  chunkBytes?: number;
}

/**
 * Immutable, content-addressed blobs (photo originals and derivatives): the bytes are stored
 * once per SHA-256. Writes are atomic: a blob is either absent or whole and verified, never
 * partial. A missing blob reads as `null`, never throws.
 */
export interface BlobStore {
  /** Stores the bytes (hashing while streaming); putting content already stored keeps one copy. */
  put(content: Readable | Buffer, options: PutBlobOptions): Promise<StoredBlob>;
  head(sha256: string): Promise<{ size: number; contentType: string } | null>;
  get(sha256: string, range?: BlobRange, options?: BlobReadOptions): Promise<Readable | null>;
  /** `false` when there was no such blob. */
  delete(sha256: string): Promise<boolean>;
  /** Every stored blob, in no particular order, for the reconciliation pass. */
  list(): AsyncIterable<ListedBlob>;
  /**
   * Removes what puts that never finished left behind (a process killed mid-upload) and last
   * written before `before`, and returns how many. A put in progress keeps writing, so a
   * cutoff well in the past never touches one.
   */
  purgeIncomplete(before: Date): Promise<number>;
  health(): Promise<Record<string, boolean>>;
}

export type BlobRefusalReason = 'sha256-mismatch' | 'too-large';

/** The content was refused (wrong hash, too large) and nothing was kept. */
export class BlobRefusedError extends Error {
  constructor(
    readonly reason: BlobRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'BlobRefusedError';
  }
}

export function isBlobRefused(error: unknown): error is BlobRefusedError {
  return error instanceof BlobRefusedError;
}

/** Whether a string is a SHA-256 in lowercase hex: the only keys a blob store accepts. */
export function isSha256(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}
