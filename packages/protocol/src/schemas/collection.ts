import { type Static, Type } from '@sinclair/typebox';
import { Closed } from './closed.js';

/** A collection ID: a number of 8 digits. */
export const CollectionId = Type.Integer({ minimum: 10_000_000, maximum: 99_999_999 });
/** A gallery ID: a number of 9 digits. */
export const GalleryId = Type.Integer({ minimum: 100_000_000, maximum: 999_999_999 });

const DateOnly = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  format: 'date',
  maxLength: 10,
});

/** A collection: a container of galleries shared with clients. */
export const Collection = Closed({
  id: CollectionId,
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  gallery_count: Type.Integer(),
  photo_count: Type.Integer(),
  video_count: Type.Integer(),
  client_count: Type.Integer(),
  password_protected: Type.Boolean(),
  downloadable: Type.Boolean(),
  expiry_date: Type.Union([DateOnly, Type.Null()]),
  /** Emails of the gallery-client accounts the collection is shared with. */
  shared_with: Type.Array(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export type Collection = Static<typeof Collection>;

const editable = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Union([Type.String({ maxLength: 5000 }), Type.Null()]),
  password_protected: Type.Boolean(),
  downloadable: Type.Boolean(),
  expiry_date: Type.Union([DateOnly, Type.Null()]),
  shared_with: Type.Array(Type.String({ format: 'email', maxLength: 254 }), {
    maxItems: 100,
    uniqueItems: true,
  }),
};

/** The body of `POST /api/v1/collections`. */
export const CollectionCreate = Closed({
  name: editable.name,
  description: Type.Optional(editable.description),
  password_protected: Type.Optional(editable.password_protected),
  downloadable: Type.Optional(editable.downloadable),
  expiry_date: Type.Optional(editable.expiry_date),
  shared_with: Type.Optional(editable.shared_with),
});
export type CollectionCreate = Static<typeof CollectionCreate>;

/** The body of `PUT /api/v1/collections/{id}`: the fields to change, at least one. */
export const CollectionUpdate = Type.Partial(CollectionCreate, {
  additionalProperties: false,
  minProperties: 1,
});
export type CollectionUpdate = Static<typeof CollectionUpdate>;

/** A gallery: one set of photos and videos inside a collection. */
export const Gallery = Closed({
  id: GalleryId,
  collection_id: CollectionId,
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  photo_count: Type.Integer(),
  video_count: Type.Integer(),
  private: Type.Boolean(),
  download: Type.Boolean(),
  cover_photo: Type.Union([Closed({ url: Type.String() }), Type.Null()]),
  favorite_count: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export type Gallery = Static<typeof Gallery>;

/** The body of `POST /api/v1/collections/{id}/galleries`. */
export const GalleryCreate = Closed({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
  private: Type.Optional(Type.Boolean()),
  download: Type.Optional(Type.Boolean()),
  photo_count: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  video_count: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});
export type GalleryCreate = Static<typeof GalleryCreate>;

/** The body of `PUT /api/v1/collections/{id}/galleries/{galleryId}`. */
export const GalleryUpdate = Type.Partial(GalleryCreate, {
  additionalProperties: false,
  minProperties: 1,
});
export type GalleryUpdate = Static<typeof GalleryUpdate>;
