import type { WATERMARK_POSITIONS } from '@proofsheet/protocol';

/** The studio's watermark settings. */
export interface WatermarkRecord {
  accountId: string;
  kind: 'text' | 'logo';
  text: string;
  /** The uploaded logo's blob, if any. */
  logoSha256: string | null;
  /** Whole percent, 5–100. */
  opacity: number;
  /** Whole percent of the picture's width, 5–100. */
  scale: number;
  position: (typeof WATERMARK_POSITIONS)[number];
  updatedAt: Date;
}

/** A marked rendering of one derivative. */
export interface WatermarkVariant {
  sha256: string;
  bytes: number;
  contentType: string;
}

/** Watermark settings, which collections use them, and the marked renderings made so far. */
export interface WatermarkStore {
  find(accountId: string): Promise<WatermarkRecord | null>;
  save(record: WatermarkRecord): Promise<void>;
  /** Whether the collection's pictures are marked for clients and visitors. */
  isEnabled(accountId: string, collectionId: number): Promise<boolean>;
  setEnabled(accountId: string, collectionId: number, enabled: boolean): Promise<void>;
  findVariant(sourceSha256: string, markKey: string): Promise<WatermarkVariant | null>;
  /** Keeps the first rendering saved for a source and key: renderings are interchangeable. */
  saveVariant(
    sourceSha256: string,
    markKey: string,
    variant: WatermarkVariant,
    at: Date,
  ): Promise<void>;
  /** Forgets a rendering (its blob has gone), so it is made again. */
  deleteVariant(sourceSha256: string, markKey: string): Promise<void>;
  /** Every blob these records need kept: logos and renderings, for reconciliation. */
  referencedBlobs(): Promise<Set<string>>;
}
