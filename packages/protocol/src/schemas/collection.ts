import { type Static, Type } from '@sinclair/typebox';
import { Closed } from './closed.js';
import { DownloadPin, DownloadSizes } from './download-size.js';
import { withExamples } from './examples.js';
import { CollectionId, GalleryId } from './numeric-ids.js';
import { GalleryCover } from './photo.js';

export { CollectionId, GalleryId };

const DateOnly = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  format: 'date',
  maxLength: 10,
});

/** A collection: a container of galleries shared with clients. */
export const Collection = withExamples(
  Closed({
    id: CollectionId,
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    gallery_count: Type.Integer(),
    photo_count: Type.Integer(),
    video_count: Type.Integer(),
    client_count: Type.Integer(),
    /** Whether visitors of its share links must enter a password; set by writing `password`. */
    password_protected: Type.Boolean(),
    downloadable: Type.Boolean(),
    /** The sizes offered to clients for download (the studio may download every size). */
    download_sizes: DownloadSizes,
    /** Whether clients must give the download PIN before downloading. The PIN is never shown. */
    download_pin_protected: Type.Boolean(),
    expiry_date: Type.Union([DateOnly, Type.Null()]),
    /** Emails of the gallery-client accounts the collection is shared with. */
    shared_with: Type.Array(Type.String()),
    /**
     * Addresses `shared_with` named that had no account in the studio: each was sent an
     * invitation, and the collection is shared with them when they accept. Staff alone see it.
     * To keep them on a `PUT`, name them in `shared_with` again (no second email is sent).
     */
    invited: Type.Array(Type.String()),
    created_at: Type.String(),
    updated_at: Type.String(),
  }),
  [
    {
      id: 48213907,
      name: 'Reyes-Okafor Wedding',
      description: 'Ceremony, portraits and the party at Fort Mason.',
      gallery_count: 3,
      photo_count: 412,
      video_count: 2,
      client_count: 1,
      password_protected: false,
      downloadable: true,
      download_sizes: ['high', 'web'],
      download_pin_protected: true,
      expiry_date: '2026-12-31',
      shared_with: ['gallery-client@example.com'],
      invited: ['grandma@example.com'],
      created_at: '2026-03-14T09:26:53.000000Z',
      updated_at: '2026-03-15T17:02:11.000000Z',
    },
  ],
);
export type Collection = Static<typeof Collection>;

/** The longest collection or share-link password: longer ones only cost hashing time. */
export const MAX_SHARE_PASSWORD_LENGTH = 128;
/** The shortest: a visitor types it from a card or a message, and guesses are throttled. */
export const MIN_SHARE_PASSWORD_LENGTH = 4;

/** A password that visitors enter: write-only, stored hashed, never answered. */
export const SharePassword = Type.String({
  minLength: MIN_SHARE_PASSWORD_LENGTH,
  maxLength: MAX_SHARE_PASSWORD_LENGTH,
});

const editable = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Union([Type.String({ maxLength: 5000 }), Type.Null()]),
  /**
   * What share-link visitors must enter; `null` removes it. Write-only: a collection shows only
   * `password_protected`. Gallery clients it is shared with never need it.
   */
  password: Type.Union([SharePassword, Type.Null()]),
  downloadable: Type.Boolean(),
  download_sizes: DownloadSizes,
  /** Sets the download PIN (4 to 8 digits), or clears it with `null`. */
  download_pin: Type.Union([DownloadPin, Type.Null()]),
  expiry_date: Type.Union([DateOnly, Type.Null()]),
  shared_with: Type.Array(Type.String({ format: 'email', maxLength: 254 }), {
    maxItems: 100,
    uniqueItems: true,
  }),
};

/** The body of `POST /api/v1/collections`. */
export const CollectionCreate = withExamples(
  Closed({
    name: editable.name,
    description: Type.Optional(editable.description),
    password: Type.Optional(editable.password),
    downloadable: Type.Optional(editable.downloadable),
    /** @default every size: `["original", "high", "web"]` */
    download_sizes: Type.Optional(editable.download_sizes),
    /** @default no PIN */
    download_pin: Type.Optional(editable.download_pin),
    expiry_date: Type.Optional(editable.expiry_date),
    shared_with: Type.Optional(editable.shared_with),
  }),
  [
    {
      name: 'Reyes-Okafor Wedding',
      description: 'Ceremony, portraits and the party at Fort Mason.',
      expiry_date: '2026-12-31',
      shared_with: ['gallery-client@example.com'],
    },
  ],
);
export type CollectionCreate = Static<typeof CollectionCreate>;

/** The body of `PUT /api/v1/collections/{id}`: the fields to change, at least one. */
export const CollectionUpdate = withExamples(
  Type.Partial(CollectionCreate, { additionalProperties: false, minProperties: 1 }),
  [{ expiry_date: null, downloadable: false }],
);
export type CollectionUpdate = Static<typeof CollectionUpdate>;

/**
 * A gallery: one set of photos and videos inside a collection. Its counts and cover are the
 * photos the reader may see: for the studio every photo that has not failed; for a gallery
 * client the ready ones that are not hidden.
 */
export const Gallery = withExamples(
  Closed({
    id: GalleryId,
    collection_id: CollectionId,
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    photo_count: Type.Integer(),
    video_count: Type.Integer(),
    private: Type.Boolean(),
    download: Type.Boolean(),
    /** The chosen cover, else the first photo the reader may see; `null` when there is none. */
    cover_photo: Type.Union([GalleryCover, Type.Null()]),
    favorite_count: Type.Integer(),
    created_at: Type.String(),
    updated_at: Type.String(),
  }),
  [
    {
      id: 530144826,
      collection_id: 48213907,
      name: 'Ceremony',
      description: null,
      photo_count: 164,
      video_count: 1,
      private: false,
      download: true,
      cover_photo: {
        photo_id: 4021583311,
        thumbhash: 'HBkSHYSIeHiPiHh8eJd4eTN0EEQG',
        thumbnail: {
          webp: '/api/v1/photos/4021583311/thumbnail.webp?v=5b7a4c3e8d6f',
          jpeg: '/api/v1/photos/4021583311/thumbnail.jpg?v=0e5b7a4c3e8d',
          width: 400,
          height: 267,
        },
        preview: {
          webp: '/api/v1/photos/4021583311/preview.webp?v=1a2b3c4d5e6f',
          jpeg: '/api/v1/photos/4021583311/preview.jpg?v=7a8b9c0d1e2f',
          width: 1600,
          height: 1067,
        },
      },
      favorite_count: 2,
      created_at: '2026-03-14T09:31:02.000000Z',
      updated_at: '2026-03-14T09:31:02.000000Z',
    },
  ],
);
export type Gallery = Static<typeof Gallery>;

/**
 * The body of `POST /api/v1/collections/{id}/galleries`. Counts and cover are not in it: they
 * come from the gallery's photos.
 */
export const GalleryCreate = withExamples(
  Closed({
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
    private: Type.Optional(Type.Boolean()),
    download: Type.Optional(Type.Boolean()),
  }),
  [{ name: 'Ceremony', private: false }],
);
export type GalleryCreate = Static<typeof GalleryCreate>;

/** The body of `PUT /api/v1/collections/{id}/galleries/{galleryId}`. */
export const GalleryUpdate = withExamples(
  Type.Partial(GalleryCreate, { additionalProperties: false, minProperties: 1 }),
  [{ private: true, download: false }],
);
export type GalleryUpdate = Static<typeof GalleryUpdate>;
