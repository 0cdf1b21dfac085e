/** What a new collection of an account starts with, unless its create body says otherwise. */
export interface CollectionDefaultsRecord {
  accountId: string;
  downloadable: boolean;
  /** New collections expire this many days after creation; null: never. */
  expiryDays: number | null;
  watermark: boolean;
  /** Null for the server's defaults, never saved. */
  updatedAt: Date | null;
}

/** The defaults of an account that never set any. */
export function serverCollectionDefaults(accountId: string): CollectionDefaultsRecord {
  return { accountId, downloadable: true, expiryDays: null, watermark: false, updatedAt: null };
}

/** One set of collection defaults per account. */
export interface CollectionDefaultsStore {
  /** The saved defaults, or null when the account never saved any. */
  find(accountId: string): Promise<CollectionDefaultsRecord | null>;
  /** Saves (inserts or replaces) the account's defaults. */
  save(defaults: CollectionDefaultsRecord & { updatedAt: Date }): Promise<void>;
}
