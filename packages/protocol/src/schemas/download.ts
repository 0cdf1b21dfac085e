import { type Static, Type } from '@sinclair/typebox';
import { Closed } from './closed.js';
import { CollectionId, GalleryId } from './collection.js';
import { DownloadPin, DownloadSize } from './download-size.js';
import { withExamples } from './examples.js';
import { PAGE_PARAMS } from './pagination.js';
import { PhotoId } from './photo.js';

/** The query of the download routes. */
export const DownloadQuery = Closed({
  /**
   * `original`, `high` or `web`; without it, the largest size the collection offers. A size
   * it does not offer is refused (403), not swapped for another.
   */
  size: Type.Optional(DownloadSize),
});
export type DownloadQuery = Static<typeof DownloadQuery>;

/** The body of `POST /api/v1/collections/{id}/download_pin`. */
export const DownloadPinBody = withExamples(Closed({ pin: DownloadPin }), [{ pin: '4821' }]);
export type DownloadPinBody = Static<typeof DownloadPinBody>;

/** How long a right PIN lets its viewer start downloads of the collection without it. */
export const DOWNLOAD_PIN_GRANT_SECONDS = 3600;

/** The answer to a right PIN: downloads of the collection may start until `expires_at`. */
export const DownloadPinGrant = withExamples(
  Closed({
    collection_id: CollectionId,
    /** `null` when the collection has no PIN (nothing to grant). */
    expires_at: Type.Union([Type.String(), Type.Null()]),
  }),
  [{ collection_id: 48213907, expires_at: '2026-05-03T09:12:44.000000Z' }],
);
export type DownloadPinGrant = Static<typeof DownloadPinGrant>;

/** Whether one gallery of the collection may be downloaded by the viewer. */
export const GalleryDownloadSetting = Closed({
  gallery_id: GalleryId,
  allowed: Type.Boolean(),
});

/**
 * `GET /api/v1/collections/{id}/before_download_settings`: what the asking viewer must do before
 * downloading, and what they may download.
 */
export const BeforeDownloadSettings = withExamples(
  Closed({
    collection_id: CollectionId,
    /** Whether anything of the collection may be downloaded by this viewer. */
    allowed: Type.Boolean(),
    /** Why not, in words; `null` when allowed. */
    reason: Type.Union([Type.String(), Type.Null()]),
    /** The sizes offered to this viewer, largest first (every size for the studio). */
    sizes: Type.Array(DownloadSize),
    /** What a download without `size` gets; `null` when nothing is offered. */
    default_size: Type.Union([DownloadSize, Type.Null()]),
    /** The collection has a download PIN that this viewer must give. */
    pin_required: Type.Boolean(),
    /** The viewer gave the right PIN and may download until the grant expires. */
    pin_granted: Type.Boolean(),
    /** Each gallery the viewer can see, and whether it may be downloaded. */
    galleries: Type.Array(GalleryDownloadSetting),
  }),
  [
    {
      collection_id: 48213907,
      allowed: true,
      reason: null,
      sizes: ['high', 'web'],
      default_size: 'high',
      pin_required: true,
      pin_granted: false,
      galleries: [
        { gallery_id: 530144826, allowed: true },
        { gallery_id: 530144827, allowed: false },
      ],
    },
  ],
);
export type BeforeDownloadSettings = Static<typeof BeforeDownloadSettings>;

/** What was downloaded: one photo or video, or a gallery's or collection's ZIP. */
export const DOWNLOAD_SUBJECTS = ['photo', 'video', 'gallery', 'collection'] as const;
export type DownloadSubject = (typeof DOWNLOAD_SUBJECTS)[number];

/** A download ID: `dl_` and 30 letters and digits. */
export const DownloadId = Type.String({ pattern: '^dl_[A-Za-z0-9]{30}$' });

/** One download, as recorded when it started and completed when its response closed. */
export const DownloadEvent = withExamples(
  Closed({
    id: DownloadId,
    subject: Type.Union(DOWNLOAD_SUBJECTS.map((s) => Type.Literal(s))),
    collection_id: CollectionId,
    /** `null` for a collection's ZIP. */
    gallery_id: Type.Union([GalleryId, Type.Null()]),
    /** `null` for a ZIP. */
    photo_id: Type.Union([PhotoId, Type.Null()]),
    size: DownloadSize,
    /** The file name the download was offered under. */
    filename: Type.String(),
    /** Who: the viewer's key (a user id) and email. */
    viewer: Closed({ key: Type.String(), email: Type.Union([Type.String(), Type.Null()]) }),
    ip: Type.String(),
    user_agent: Type.Union([Type.String(), Type.Null()]),
    /** Where the response started in the file: 0, or the start of a `Range`. */
    range_start: Type.Integer(),
    /** Bytes the response was to carry. */
    bytes_expected: Type.Integer(),
    /** Bytes it carried before it closed; `null` while it is still running. */
    bytes_sent: Type.Union([Type.Integer(), Type.Null()]),
    /** Every byte was sent; `false` when the client went away or it is still running. */
    completed: Type.Boolean(),
    created_at: Type.String(),
    finished_at: Type.Union([Type.String(), Type.Null()]),
  }),
  [
    {
      id: 'dl_Q2v8TnL4xR7pK1mZ9cW3bY6hJ0fD5s',
      subject: 'photo',
      collection_id: 48213907,
      gallery_id: 530144826,
      photo_id: 4021583311,
      size: 'high',
      filename: 'DSC_0412.jpg',
      viewer: { key: 'us_Vd3kP9sLq2Xw7Rz4Tm8Nc1Bf6Hy0Ga5J', email: 'gallery-client@example.com' },
      ip: '203.0.113.7',
      user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15',
      range_start: 0,
      bytes_expected: 1_482_113,
      bytes_sent: 1_482_113,
      completed: true,
      created_at: '2026-05-03T08:12:44.000000Z',
      finished_at: '2026-05-03T08:12:45.000000Z',
    },
  ],
);
export type DownloadEvent = Static<typeof DownloadEvent>;

/** How often one photo (or video) was downloaded on its own, and its latest downloads. */
export const MediaDownloads = withExamples(
  Closed({
    photo_id: PhotoId,
    gallery_id: GalleryId,
    /** The file name of its latest download. */
    filename: Type.String(),
    /** Downloads that started at the first byte (a resumed download is not counted again). */
    download_count: Type.Integer(),
    /** Bytes sent by all its downloads, resumed parts included. */
    bytes_sent: Type.Integer(),
    last_downloaded_at: Type.String(),
    /** Its latest downloads, newest first, at most {@link MEDIA_DOWNLOADS_RECENT}. */
    recent: Type.Array(DownloadEvent),
  }),
  [
    {
      photo_id: 4021583311,
      gallery_id: 530144826,
      filename: 'DSC_0412.jpg',
      download_count: 1,
      bytes_sent: 1_482_113,
      last_downloaded_at: '2026-05-03T08:12:44.000000Z',
      recent: [
        {
          id: 'dl_Q2v8TnL4xR7pK1mZ9cW3bY6hJ0fD5s',
          subject: 'photo',
          collection_id: 48213907,
          gallery_id: 530144826,
          photo_id: 4021583311,
          size: 'high',
          filename: 'DSC_0412.jpg',
          viewer: {
            key: 'us_Vd3kP9sLq2Xw7Rz4Tm8Nc1Bf6Hy0Ga5J',
            email: 'gallery-client@example.com',
          },
          ip: '203.0.113.7',
          user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15',
          range_start: 0,
          bytes_expected: 1_482_113,
          bytes_sent: 1_482_113,
          completed: true,
          created_at: '2026-05-03T08:12:44.000000Z',
          finished_at: '2026-05-03T08:12:45.000000Z',
        },
      ],
    },
  ],
);
export type MediaDownloads = Static<typeof MediaDownloads>;

/** The most downloads {@link MediaDownloads} lists per photo. */
export const MEDIA_DOWNLOADS_RECENT = 10;

/** The query of `GET /api/v1/collections/{id}/downloads/`: paging, and what was downloaded. */
export const DownloadListQuery = Closed({
  ...PAGE_PARAMS,
  subject: Type.Optional(Type.Union(DOWNLOAD_SUBJECTS.map((s) => Type.Literal(s)))),
});
export type DownloadListQuery = Static<typeof DownloadListQuery>;

/**
 * The content types a download may have: each image and video type an original may be (sniffed
 * from its bytes at upload), the JPEG of the smaller sizes, ZIPs, and `application/octet-stream`
 * for an original of any other type.
 */
export const DOWNLOAD_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/tiff',
  'image/heic',
  'image/avif',
  'video/mp4',
  'video/quicktime',
  'application/octet-stream',
] as const;
