import type { PhotoRecord } from './photo-store.js';

/**
 * A person's favorites list in one collection. The owner is a key, not a user row: a user id
 * for someone signed in, and whatever key a share-link visitor is given.
 */
export interface FavoriteListRecord {
  id: string;
  accountId: string;
  collectionId: number;
  ownerKey: string;
  name: string;
  /** The list that favoriting without naming one fills; one per person and collection. */
  isDefault: boolean;
  /** The studio made it for its owner. */
  setByStudio: boolean;
  minSelection: number | null;
  maxSelection: number | null;
  submittedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Who a key stands for, where it is a user; all `null` for a key that is no user. */
export interface OwnerDetails {
  name: string | null;
  email: string | null;
  /** The studio's owner or an assistant. */
  studio: boolean;
}

/** A list with what it holds and who owns it. */
export interface FavoriteListView extends FavoriteListRecord {
  /**
   * Photos in the selection: those of the list that still exist, are ready, are not hidden and
   * are not in a private gallery (what its owner can see). Limits count these alone.
   */
  photoCount: number;
  owner: OwnerDetails;
}

/** What a list's editable fields become; `reopen` clears `submittedAt`. */
export interface FavoriteListChanges {
  name?: string;
  minSelection?: number | null;
  maxSelection?: number | null;
  reopen?: boolean;
  updatedAt: Date;
}

/** Why a list was not created or changed. */
export type ListRefusal = 'too_many' | 'min_above_max';

/** Why a photo was not added to or removed from a list. */
export type FavoriteRefusal = 'full' | 'submitted';

/** One favorite of a photo: by whom, in which list, when. */
export interface FavoriteEntryRecord {
  listId: string;
  listName: string;
  ownerKey: string;
  owner: OwnerDetails;
  createdAt: Date;
}

/** A photo that has favorites in the scope asked for, with what they add up to there. */
export interface FavoritedPhotoRecord {
  photo: PhotoRecord;
  /** People (distinct owners) who favorited it, within the scope. */
  people: number;
  firstAt: Date;
  lastAt: Date;
  /** Every favorite of it within the scope, oldest first; empty unless `entries` was asked. */
  entries: FavoriteEntryRecord[];
}

/** Which favorites to read, and in what order. */
export interface FavoritedPhotoQuery {
  /** Only these collections (a client's: those shared with them and not expired). */
  collectionIds?: readonly number[];
  /** Only this person's favorites. */
  ownerKey?: string;
  /** Only this list's. */
  listId?: string;
  /** Only photos in a selection: ready, not hidden, not in a private gallery. */
  visibleOnly: boolean;
  /**
   * `gallery`: as the collection shows them (galleries oldest first, then position);
   * `popular`: most people first; `recent`: latest favorited first.
   */
  order: 'gallery' | 'popular' | 'recent';
  /** Read each photo's favorites too. */
  entries: boolean;
  offset: number;
  limit: number;
}

/**
 * Favorites lists and the photos in them. Every change to what a list holds runs in one
 * transaction that locks the list, so its limits hold however many requests race, and keeps
 * each photo's `favoriteCount` (the people who favorited it, in any list) with SQL increments.
 */
export interface FavoriteStore {
  /**
   * Adds a named list. `too_many`: its owner already has `maxPerOwner` lists in the collection;
   * `min_above_max`: the limits contradict. Nothing is written when refused.
   */
  createList(
    list: FavoriteListRecord,
    options: { maxPerOwner: number },
  ): Promise<{ created: FavoriteListView } | { refused: ListRefusal }>;
  /** The person's default list in the collection, made from `list` if they have none yet. */
  ensureDefault(list: FavoriteListRecord): Promise<FavoriteListView>;
  findList(accountId: string, id: string): Promise<FavoriteListView | null>;
  /** A collection's lists, the owner's alone when `ownerKey` is given: defaults first, then oldest. */
  listsOf(
    accountId: string,
    collectionId: number,
    options: { ownerKey?: string; offset: number; limit: number },
  ): Promise<{ items: FavoriteListView[]; total: number }>;
  /** `min_above_max`: the limits, with the change, would contradict; nothing is written. */
  updateList(
    accountId: string,
    id: string,
    changes: FavoriteListChanges,
  ): Promise<FavoriteListView | { refused: 'min_above_max' } | null>;
  /** Deletes the list and its favorites, taking them off the photos' counts. */
  deleteList(accountId: string, id: string): Promise<boolean>;
  /**
   * Marks the list submitted when its selection holds at least `minSelection` photos.
   * `changed: false`: it already was. `short`: it holds `photoCount`, fewer than the minimum.
   */
  submitList(
    accountId: string,
    id: string,
    at: Date,
  ): Promise<{ list: FavoriteListView; changed: boolean } | { short: FavoriteListView } | null>;
  /**
   * Puts the photo in the list. Adding it again changes nothing (`added: false`). `full`: the
   * selection is at `maxSelection`; `submitted`: the list is closed. `null`: no such list.
   */
  addFavorite(
    accountId: string,
    listId: string,
    photoId: number,
    at: Date,
  ): Promise<{ added: boolean; list: FavoriteListView } | { refused: FavoriteRefusal } | null>;
  /** Takes the photo out of the list; `removed: false` when it was not in it. */
  removeFavorite(
    accountId: string,
    listId: string,
    photoId: number,
    at: Date,
  ): Promise<{ removed: boolean; list: FavoriteListView } | { refused: 'submitted' } | null>;
  /** Photos with favorites in the account, a page at a time, as `query` scopes and orders them. */
  favoritedPhotos(
    accountId: string,
    query: FavoritedPhotoQuery,
  ): Promise<{ items: FavoritedPhotoRecord[]; total: number }>;
}
