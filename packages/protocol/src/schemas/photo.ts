import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Closed } from './closed.js';
import { withExamples } from './examples.js';
import { CollectionId, GalleryId, PhotoId } from './numeric-ids.js';
import { PAGE_PARAMS } from './pagination.js';

export { PhotoId };

/**
 * Where a photo is in its life: `processing` from upload until its sizes exist, then `ready`,
 * or `failed` with a `status_reason` (the original is kept, so the studio can see what failed).
 */
export const PHOTO_STATUSES = ['processing', 'ready', 'failed'] as const;
export type PhotoStatus = (typeof PHOTO_STATUSES)[number];

/** What a gallery item is. */
export const MEDIA_KINDS = ['photo', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * The sizes made of every photo, by longest edge in pixels. Never enlarged: a 1200-pixel
 * original's `large` is 1200 pixels.
 */
export const PHOTO_SIZES = { thumbnail: 400, preview: 1600, large: 2560 } as const;
export type PhotoSize = keyof typeof PHOTO_SIZES;

/** One size of a photo: where to get it in each format, and its pixel size. */
export const PhotoSizeUrls = Closed({
  webp: Type.String(),
  jpeg: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
});
export type PhotoSizeUrls = Static<typeof PhotoSizeUrls>;

/**
 * Image addresses, relative to the API's origin. Each size's address carries its content hash,
 * so it can be cached for good; every request is still checked for access.
 */
export const PhotoUrls = Closed({
  thumbnail: Type.Union([PhotoSizeUrls, Type.Null()]),
  preview: Type.Union([PhotoSizeUrls, Type.Null()]),
  large: Type.Union([PhotoSizeUrls, Type.Null()]),
  /** The original as uploaded, for the studio; `null` for a viewer it is not offered to. */
  original: Type.Union([Type.String(), Type.Null()]),
  /**
   * A ready video, to play, for anyone who sees it (watching is not downloading); `null` for a
   * photo and for a video still processing or failed.
   */
  video: Type.Union([Type.String(), Type.Null()]),
});
export type PhotoUrls = Static<typeof PhotoUrls>;

const Timestamp = Type.String();
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/**
 * A gallery's cover as a gallery shows it: which photo, its placeholder, and the two sizes a
 * cover page uses. Only a ready photo is a cover, so both sizes are always there.
 */
export const GalleryCover = Closed({
  photo_id: PhotoId,
  thumbhash: Nullable(Type.String()),
  thumbnail: PhotoSizeUrls,
  preview: PhotoSizeUrls,
});
export type GalleryCover = Static<typeof GalleryCover>;

/** A photo or video in a gallery. */
export const Photo = withExamples(
  Closed({
    id: PhotoId,
    gallery_id: GalleryId,
    collection_id: CollectionId,
    kind: Type.Union(MEDIA_KINDS.map((k) => Type.Literal(k))),
    filename: Type.String(),
    /** Sniffed from the bytes, never taken from the upload's name or header. */
    content_type: Type.String(),
    /** Bytes of the original. */
    size: Type.Integer(),
    /** SHA-256 of the original, lowercase hex: also its ETag. */
    sha256: Type.String(),
    /** Display size, after the EXIF orientation is applied; `null` until processed. */
    width: Nullable(Type.Integer()),
    height: Nullable(Type.Integer()),
    /**
     * When the picture was taken, from EXIF. EXIF has no time zone unless the camera wrote an
     * offset: without one this is a local time with no offset (`2026-05-02T10:15:00`).
     */
    taken_at: Nullable(Type.String()),
    camera: Nullable(Type.String()),
    lens: Nullable(Type.String()),
    status: Type.Union(PHOTO_STATUSES.map((s) => Type.Literal(s))),
    /** Why processing failed, in words; `null` unless `status` is `failed`. */
    status_reason: Nullable(Type.String()),
    /** A ThumbHash (base64) to paint while the image loads. */
    thumbhash: Nullable(Type.String()),
    /** Order in the gallery, from 1. */
    position: Type.Integer(),
    /** Hidden photos are the studio's alone: clients and visitors never see them. */
    hidden: Type.Boolean(),
    /** Whether this photo is its gallery's cover. */
    cover: Type.Boolean(),
    /** Favorites by everyone; for a client or visitor, 1 if they favorited it, else 0. */
    favorite_count: Type.Integer(),
    urls: PhotoUrls,
    created_at: Timestamp,
    updated_at: Timestamp,
  }),
  [
    {
      id: 4021583311,
      gallery_id: 530144826,
      collection_id: 48213907,
      kind: 'photo',
      filename: 'DSC_0412.jpg',
      content_type: 'image/jpeg',
      size: 24_117_248,
      sha256: '9f2c1d0e5b7a4c3e8d6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d',
      width: 6000,
      height: 4000,
      taken_at: '2026-05-02T15:42:10',
      camera: 'NIKON CORPORATION NIKON Z 6_2',
      lens: 'NIKKOR Z 50mm f/1.8 S',
      status: 'ready',
      status_reason: null,
      thumbhash: 'HBkSHYSIeHiPiHh8eJd4eTN0EEQG',
      position: 1,
      hidden: false,
      cover: true,
      favorite_count: 2,
      urls: {
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
        large: {
          webp: '/api/v1/photos/4021583311/large.webp?v=3a4b5c6d7e8f',
          jpeg: '/api/v1/photos/4021583311/large.jpg?v=9a0b1c2d3e4f',
          width: 2560,
          height: 1707,
        },
        original: '/api/v1/photos/4021583311/original',
        video: null,
      },
      created_at: '2026-05-03T08:12:44.000000Z',
      updated_at: '2026-05-03T08:13:02.000000Z',
    },
    {
      id: 4021583388,
      gallery_id: 530144826,
      collection_id: 48213907,
      kind: 'video',
      filename: 'first-dance.mp4',
      content_type: 'video/mp4',
      size: 187_695_104,
      sha256: '3c8e1f0a9b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e',
      width: 1920,
      height: 1080,
      taken_at: null,
      camera: null,
      lens: null,
      status: 'ready',
      status_reason: null,
      thumbhash: 'IQgSDYKHh3iHeHd/eId3eIZ3dQ',
      position: 2,
      hidden: false,
      cover: false,
      favorite_count: 0,
      urls: {
        thumbnail: {
          webp: '/api/v1/photos/4021583388/thumbnail.webp?v=a1b3c5d7e9f1',
          jpeg: '/api/v1/photos/4021583388/thumbnail.jpg?v=c6d8e0f1a3b5',
          width: 400,
          height: 225,
        },
        preview: {
          webp: '/api/v1/photos/4021583388/preview.webp?v=e8f0a1b3c5d7',
          jpeg: '/api/v1/photos/4021583388/preview.jpg?v=9b2d4c6e8f0a',
          width: 1600,
          height: 900,
        },
        large: {
          webp: '/api/v1/photos/4021583388/large.webp?v=2a4b6c8d0e3c',
          jpeg: '/api/v1/photos/4021583388/large.jpg?v=7e9f1a2b4c6d',
          width: 1920,
          height: 1080,
        },
        original: null,
        video: '/api/v1/photos/4021583388/video?v=3c8e1f0a9b2d',
      },
      created_at: '2026-05-03T08:14:10.000000Z',
      updated_at: '2026-05-03T08:14:31.000000Z',
    },
  ],
);
export type Photo = Static<typeof Photo>;

/** The orders a gallery's photos can be listed in. */
export const PHOTO_ORDERS = ['position', 'taken_at', 'filename', 'uploaded'] as const;
export type PhotoOrder = (typeof PHOTO_ORDERS)[number];

/** The query of `GET /api/v1/galleries/{galleryId}/photos`. */
export const PhotoListQuery = Closed({
  ...PAGE_PARAMS,
  /** `position` (the studio's order, the default), `taken_at`, `filename` or `uploaded`. */
  order: Type.Optional(Type.Union(PHOTO_ORDERS.map((o) => Type.Literal(o)))),
  /** `true`: only the photos the reader favorited; `false`: only those they did not. */
  favorites: Type.Optional(Type.Boolean()),
  /** The studio only: `processing`, `ready` or `failed`. */
  status: Type.Optional(Type.Union(PHOTO_STATUSES.map((s) => Type.Literal(s)))),
});
export type PhotoListQuery = Static<typeof PhotoListQuery>;

/**
 * The query of an image or video address (`/api/v1/photos/{photoId}/thumbnail.webp?v=…`,
 * `/api/v1/photos/{photoId}/video?v=…`): `v` is the content version that `urls` gives. Any `v`
 * gets the current bytes; only with the current one may they be cached for good.
 */
export const PhotoImageQuery = Closed({
  v: Type.Optional(Type.String({ maxLength: 64, pattern: '^[0-9a-f]*$' })),
});
export type PhotoImageQuery = Static<typeof PhotoImageQuery>;

/** The body of `PUT /api/v1/photos/{photoId}`: the fields to change, at least one. */
export const PhotoUpdate = withExamples(
  Closed(
    {
      /** Rename: a file name without a path, kept with its extension as the studio wrote it. */
      filename: Type.Optional(
        Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\\\]+$' }),
      ),
      /** Move to this position in the gallery (1 is first); the others shift to make room. */
      position: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
      /** `true` makes it the gallery's cover; `false` goes back to the first photo. */
      cover: Type.Optional(Type.Boolean()),
      hidden: Type.Optional(Type.Boolean()),
    },
    { minProperties: 1 },
  ),
  [{ position: 1, cover: true }],
);
export type PhotoUpdate = Static<typeof PhotoUpdate>;

/** A SHA-256 as lowercase hex: how the API writes content hashes. */
export const Sha256Hex = Type.String({ minLength: 64, maxLength: 64, pattern: '^[0-9a-f]{64}$' });

/**
 * The multipart form of `POST /api/v1/galleries/{galleryId}/photos`, documented for clients:
 * the server reads the parts as they stream in rather than validating a parsed body.
 */
export const PhotoUploadForm = withExamples(
  Closed({
    /**
     * The SHA-256 of the file, to have it verified: a file that differs is refused with
     * `digest_mismatch` and nothing is kept. Send it before `file`.
     */
    sha256: Type.Optional(Sha256Hex),
    /** The photo or video, with its file name in the part's `filename`. */
    file: Type.String({ format: 'binary', maxLength: 209_715_200 }),
  }),
  [
    {
      sha256: '9f2c1d0e5b7a4c3e8d6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d',
      file: '(the bytes of DSC_0412.jpg)',
    },
  ],
);
export type PhotoUploadForm = Static<typeof PhotoUploadForm>;
