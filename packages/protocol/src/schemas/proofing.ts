/**
 * Proofing: the photos each person marks in a collection (in one or more favorites lists), what
 * the studio reads and exports of those selections, and comments on photos.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { ID_PATTERNS } from '../ids.js';
import { Closed } from './closed.js';
import { CollectionId, GalleryId } from './collection.js';
import { examplesOf, withExamples } from './examples.js';
import { PAGE_PARAMS } from './pagination.js';
import { PhotoId, PhotoSizeUrls } from './photo.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A favorites list ID: `fl_` and 30 letters and digits. */
export const FavoriteListId = Type.String({ pattern: ID_PATTERNS.favorite_list });
/** A comment ID: `pc_` and 30 letters and digits. */
export const CommentId = Type.String({ pattern: ID_PATTERNS.comment });

/** The longest name of a favorites list. */
export const MAX_FAVORITE_LIST_NAME = 100;
/** The largest `min_selection` or `max_selection`. */
export const MAX_SELECTION_LIMIT = 100_000;
/** The longest comment, in characters. */
export const MAX_COMMENT_LENGTH = 2000;

/**
 * Who made a favorites list or a comment. `id` is a user ID (`us_…`) for someone signed in;
 * people without an account (share-link visitors) have IDs of their own.
 */
export const ProofingPerson = Closed({
  id: Type.String(),
  /** First and last name; `null` for someone without one (a visitor who gave only an email). */
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  /** The studio's owner or an assistant. */
  studio: Type.Boolean(),
});
export type ProofingPerson = Static<typeof ProofingPerson>;

const person: ProofingPerson = {
  id: 'us_Ke3VBzCq0Wn7XfTr2Lp9HdYs4GaM6u',
  name: 'Maya Reyes',
  email: 'maya@example.com',
  studio: false,
};

/**
 * One person's list of favorite photos in a collection. Everyone has a default list per
 * collection, made the first time it is needed, and may make more; the studio may make lists
 * for a client too ("Album picks, choose 40–60"), whose name and limits only the studio
 * changes. Hidden photos, photos in private galleries and photos not yet processed are not part
 * of any selection: they are neither counted nor exported.
 */
export const FavoriteList = withExamples(
  Closed({
    id: FavoriteListId,
    collection_id: CollectionId,
    name: Type.String(),
    /** The list that favoriting without a `list_id` fills. */
    default: Type.Boolean(),
    owner: ProofingPerson,
    /** The studio made this list for its owner: its name and limits are the studio's. */
    set_by_studio: Type.Boolean(),
    /** Submitting is refused with fewer photos than this. */
    min_selection: Nullable(Type.Integer()),
    /** Adding a photo beyond this many is refused. */
    max_selection: Nullable(Type.Integer()),
    /** Photos in the selection now. */
    photo_count: Type.Integer(),
    /** The owner said they are done: the list is closed to changes until the studio reopens it. */
    submitted: Type.Boolean(),
    submitted_at: Nullable(Type.String()),
    created_at: Type.String(),
    updated_at: Type.String(),
  }),
  [
    {
      id: 'fl_Qm8TzX2cVb5NwKj7Rd1HsYf4Lp9EaG',
      collection_id: 48213907,
      name: 'Album picks',
      default: false,
      owner: person,
      set_by_studio: true,
      min_selection: 40,
      max_selection: 60,
      photo_count: 42,
      submitted: true,
      submitted_at: '2026-05-20T19:04:31.000000Z',
      created_at: '2026-05-10T08:00:00.000000Z',
      updated_at: '2026-05-20T19:04:31.000000Z',
    },
  ],
);
export type FavoriteList = Static<typeof FavoriteList>;

const SelectionLimit = Nullable(Type.Integer({ minimum: 1, maximum: MAX_SELECTION_LIMIT }));
const ListName = Type.String({ minLength: 1, maxLength: MAX_FAVORITE_LIST_NAME });

/** The body of `POST /api/v1/collections/{id}/favorite_lists`. */
export const FavoriteListCreate = withExamples(
  Closed({
    name: ListName,
    min_selection: Type.Optional(SelectionLimit),
    max_selection: Type.Optional(SelectionLimit),
    /**
     * The studio only: make the list for this gallery client (a user ID), one the collection
     * is shared with. Without it, the list is the caller's own.
     */
    owner_id: Type.Optional(Type.String({ maxLength: 100 })),
  }),
  [{ name: 'Album picks', min_selection: 40, max_selection: 60, owner_id: person.id }],
);
export type FavoriteListCreate = Static<typeof FavoriteListCreate>;

/** The body of `PUT /api/v1/favorite_lists/{listId}`: the fields to change, at least one. */
export const FavoriteListUpdate = withExamples(
  Closed(
    {
      name: Type.Optional(ListName),
      min_selection: Type.Optional(SelectionLimit),
      max_selection: Type.Optional(SelectionLimit),
      /** The studio only: `false` reopens a submitted list, so its owner may change it again. */
      submitted: Type.Optional(Type.Literal(false)),
    },
    { minProperties: 1 },
  ),
  [{ submitted: false, max_selection: 70 }],
);
export type FavoriteListUpdate = Static<typeof FavoriteListUpdate>;

/** The query of `POST` and `DELETE /api/v1/photos/{photoId}/favorite`. */
export const FavoriteTargetQuery = Closed({
  /** One of the caller's own lists in the photo's collection; without it, their default list. */
  list_id: Type.Optional(Type.String({ maxLength: 100 })),
});
export type FavoriteTargetQuery = Static<typeof FavoriteTargetQuery>;

/** What favoriting or unfavoriting a photo answers: where the photo now is, and the list. */
export const FavoriteStatus = withExamples(
  Closed({
    photo_id: PhotoId,
    /** Whether the photo is in the list now. */
    favorited: Type.Boolean(),
    list: FavoriteList,
  }),
  examplesOf(FavoriteList).map((list) => ({ photo_id: 4021583311, favorited: true, list })),
);
export type FavoriteStatus = Static<typeof FavoriteStatus>;

/** One person's favorite of a photo, in one of their lists. */
export const FavoriteEntry = Closed({
  person: ProofingPerson,
  list_id: FavoriteListId,
  list_name: Type.String(),
  favorited_at: Type.String(),
});
export type FavoriteEntry = Static<typeof FavoriteEntry>;

const thumbnail: PhotoSizeUrls = {
  webp: '/api/v1/photos/4021583311/thumbnail.webp?v=5b7a4c3e8d6f',
  jpeg: '/api/v1/photos/4021583311/thumbnail.jpg?v=0e5b7a4c3e8d',
  width: 400,
  height: 267,
};

/** A favorited photo of a collection: who favorited it, in which lists, and when. */
export const FavoritedPhoto = withExamples(
  Closed({
    photo_id: PhotoId,
    gallery_id: GalleryId,
    collection_id: CollectionId,
    filename: Type.String(),
    thumbnail: Nullable(PhotoSizeUrls),
    /** People who favorited it (a person counts once, whatever their lists). */
    favorite_count: Type.Integer(),
    first_favorited_at: Type.String(),
    last_favorited_at: Type.String(),
    favorites: Type.Array(FavoriteEntry),
  }),
  [
    {
      photo_id: 4021583311,
      gallery_id: 530144826,
      collection_id: 48213907,
      filename: 'DSC_0412.jpg',
      thumbnail,
      favorite_count: 1,
      first_favorited_at: '2026-05-12T20:11:05.000000Z',
      last_favorited_at: '2026-05-12T20:14:40.000000Z',
      favorites: [
        {
          person,
          list_id: 'fl_Bv6YhN3kTq8WzRm1Xc5JdLs7Pf2GaE',
          list_name: 'Favorites',
          favorited_at: '2026-05-12T20:11:05.000000Z',
        },
        {
          person,
          list_id: 'fl_Qm8TzX2cVb5NwKj7Rd1HsYf4Lp9EaG',
          list_name: 'Album picks',
          favorited_at: '2026-05-12T20:14:40.000000Z',
        },
      ],
    },
  ],
);
export type FavoritedPhoto = Static<typeof FavoritedPhoto>;

/** The query of `GET /api/v1/collections/{id}/favorites`. */
export const CollectionFavoritesQuery = Closed({
  ...PAGE_PARAMS,
  /** Only the photos of this list. */
  list_id: Type.Optional(Type.String({ maxLength: 100 })),
});
export type CollectionFavoritesQuery = Static<typeof CollectionFavoritesQuery>;

/** A photo of `GET /api/v1/photos/starred`. */
export const StarredPhoto = withExamples(
  Closed({
    photo_id: PhotoId,
    gallery_id: GalleryId,
    collection_id: CollectionId,
    filename: Type.String(),
    thumbnail: Nullable(PhotoSizeUrls),
    /** People who favorited it; for a client, 1 (their own). */
    favorite_count: Type.Integer(),
    last_favorited_at: Type.String(),
  }),
  [
    {
      photo_id: 4021583311,
      gallery_id: 530144826,
      collection_id: 48213907,
      filename: 'DSC_0412.jpg',
      thumbnail,
      favorite_count: 3,
      last_favorited_at: '2026-05-12T20:14:40.000000Z',
    },
  ],
);
export type StarredPhoto = Static<typeof StarredPhoto>;

/** The formats a favorites list exports to. */
export const FAVORITE_EXPORT_FORMATS = ['lightroom', 'csv', 'txt'] as const;
export type FavoriteExportFormat = (typeof FAVORITE_EXPORT_FORMATS)[number];

/** The query of `GET /api/v1/favorite_lists/{listId}/export`. */
export const FavoriteExportQuery = Closed({
  /**
   * `lightroom` (the default): file names without extensions, comma-separated, as Lightroom's
   * Library filter takes them; `txt`: one file name per line; `csv`: a row per photo.
   */
  format: Type.Optional(Type.Union(FAVORITE_EXPORT_FORMATS.map((f) => Type.Literal(f)))),
});
export type FavoriteExportQuery = Static<typeof FavoriteExportQuery>;

/** A comment on a photo, plain text as written (shown escaped wherever it is shown). */
export const Comment = withExamples(
  Closed({
    id: CommentId,
    photo_id: PhotoId,
    collection_id: CollectionId,
    author: ProofingPerson,
    text: Type.String(),
    created_at: Type.String(),
  }),
  [
    {
      id: 'pc_Tn4WqZ8bXc2VmKr6Hd9JsLf1Pg7YaE',
      photo_id: 4021583311,
      collection_id: 48213907,
      author: person,
      text: 'Could this one be a little warmer, for the album cover?',
      created_at: '2026-05-12T20:16:02.000000Z',
    },
  ],
);
export type Comment = Static<typeof Comment>;

/** The body of `POST /api/v1/photos/{photoId}/comments`. */
export const CommentCreate = withExamples(
  Closed({ text: Type.String({ minLength: 1, maxLength: MAX_COMMENT_LENGTH }) }),
  [{ text: 'Could this one be a little warmer, for the album cover?' }],
);
export type CommentCreate = Static<typeof CommentCreate>;
