/**
 * Sharing a collection beyond the gallery clients it is shared with: share links that a visitor
 * without an account opens, the visitors they bring, who has access, what a viewer must do
 * before seeing a collection, and the settings a new collection starts with.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { ID_PATTERNS } from '../ids.js';
import { Closed } from './closed.js';
import { CollectionId, GalleryId, SharePassword } from './collection.js';
import { withExamples } from './examples.js';
import { PhotoId } from './photo.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = Type.String();

/** A share link's ID: `sl_` and 30 letters and digits. */
export const ShareLinkId = Type.String({ pattern: ID_PATTERNS.shareLink, maxLength: 33 });
/** A share-link visitor's ID: `vi_` and 30 letters and digits. */
export const VisitorId = Type.String({ pattern: ID_PATTERNS.visitor, maxLength: 33 });

/**
 * What a share link lets its visitors download, from nothing to the originals: `web` is the
 * preview size, `high` the large size, `original` the file as uploaded.
 */
export const SHARE_DOWNLOADS = ['none', 'web', 'high', 'original'] as const;
export type ShareDownloads = (typeof SHARE_DOWNLOADS)[number];
const Downloads = Type.Union(SHARE_DOWNLOADS.map((d) => Type.Literal(d)));

/**
 * An instant in ISO 8601 with a zone (`2026-06-30T23:59:00Z`, `2026-06-30T16:59:00-07:00`).
 * A pattern rather than `format: date-time`, so that every validator reads it alike.
 */
export const Instant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$',
  maxLength: 40,
});

const linkFields = {
  id: ShareLinkId,
  collection_id: CollectionId,
  /** Whether visitors must enter the link's own password (besides the collection's, if set). */
  password_protected: Type.Boolean(),
  downloads: Downloads,
  /** The galleries it opens; `null`: every gallery of the collection a client may see. */
  gallery_ids: Nullable(Type.Array(GalleryId)),
  /** Set for a single-photo link, which opens that photo alone. */
  photo_id: Nullable(PhotoId),
  /** When it stops working; `null`: when it is revoked or the collection expires. */
  expires_at: Nullable(Timestamp),
  /** How many times a visitor entered through it. */
  visits: Type.Integer(),
  last_visited_at: Nullable(Timestamp),
  created_at: Timestamp,
};

const LINK_EXAMPLE = {
  id: 'sl_Q2x9LmT4vB7nR1cK8pZ3wY6hJ0dF5s',
  collection_id: 48213907,
  password_protected: true,
  downloads: 'web' as const,
  gallery_ids: null,
  photo_id: null,
  expires_at: '2026-06-30T23:59:00.000000Z',
  visits: 3,
  last_visited_at: '2026-03-16T19:40:12.000000Z',
  created_at: '2026-03-15T17:05:00.000000Z',
};

/** A share link as listed: its secret URL is never shown again after it was created. */
export const ShareLink = withExamples(Closed(linkFields), [LINK_EXAMPLE]);
export type ShareLink = Static<typeof ShareLink>;

/** A share link as just created, with the one sight of its URL. */
export const CreatedShareLink = withExamples(
  Closed({
    ...linkFields,
    /** Where visitors open it. Shown once: only a hash of its secret is stored. */
    url: Type.String(),
  }),
  [
    {
      ...LINK_EXAMPLE,
      visits: 0,
      last_visited_at: null,
      url: 'https://gallery.example.com/s/N5rV0wq3Hk8tYb2LmC7xZs1Fd4Jg6Pa9Qe0Ui3Oy5Tc',
    },
  ],
);
export type CreatedShareLink = Static<typeof CreatedShareLink>;

/** The body of `POST /api/v1/collections/{id}/share_links`. */
export const ShareLinkCreate = withExamples(
  Closed({
    /** In the future; absent or `null`: until revoked (or the collection expires). */
    expires_at: Type.Optional(Nullable(Instant)),
    /** A password of the link's own, asked of every visitor. */
    password: Type.Optional(Nullable(SharePassword)),
    /** @default 'none' */
    downloads: Type.Optional(Downloads),
    /** Open only these galleries of the collection. */
    gallery_ids: Type.Optional(
      Type.Array(GalleryId, { minItems: 1, maxItems: 100, uniqueItems: true }),
    ),
    /** Open this one photo alone (not with `gallery_ids`). */
    photo_id: Type.Optional(PhotoId),
  }),
  [{ expires_at: '2026-06-30T23:59:00Z', password: 'reyes2026', downloads: 'web' }],
);
export type ShareLinkCreate = Static<typeof ShareLinkCreate>;

/** A share link of one photo, as `GET /api/v1/collections/{id}/photo_sharing_links` lists it. */
export const PhotoSharingLink = withExamples(
  Closed({
    id: ShareLinkId,
    photo_id: PhotoId,
    gallery_id: Nullable(GalleryId),
    /** The photo's file name; `null` once the photo is deleted (the link then opens nothing). */
    filename: Nullable(Type.String()),
    downloads: Downloads,
    password_protected: Type.Boolean(),
    expires_at: Nullable(Timestamp),
    /** Whether it still opens the photo: not expired. */
    active: Type.Boolean(),
    visits: Type.Integer(),
    /** How many different visitors (emails) entered through it. */
    visitors: Type.Integer(),
    last_visited_at: Nullable(Timestamp),
    created_at: Timestamp,
  }),
  [
    {
      id: 'sl_Hq7Xc2Lm9Vt4Rb1Nk8Pz3Wy6Jd0Fs5',
      photo_id: 4817326590,
      gallery_id: 530144826,
      filename: 'DSC_0142.jpg',
      downloads: 'original',
      password_protected: false,
      expires_at: null,
      active: true,
      visits: 5,
      visitors: 2,
      last_visited_at: '2026-03-17T08:12:40.000000Z',
      created_at: '2026-03-16T10:00:00.000000Z',
    },
  ],
);
export type PhotoSharingLink = Static<typeof PhotoSharingLink>;

/**
 * The body of `POST /s/{token}`, form-encoded or JSON: the visitor's email, and the passwords
 * the link and the collection ask for. `_csrf` is the page form's hidden field.
 */
export const VisitorEntry = withExamples(
  Closed({
    email: Type.String({ format: 'email', minLength: 3, maxLength: 254 }),
    /** The link's own password, when it has one. */
    password: Type.Optional(Type.String({ maxLength: 200 })),
    /** The collection's password, when it has one. */
    collection_password: Type.Optional(Type.String({ maxLength: 200 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  }),
  [{ email: 'grandma@example.com', password: 'reyes2026' }],
);
export type VisitorEntry = Static<typeof VisitorEntry>;

/** The JSON answer to `POST /s/{token}`: who the visitor is and the CSRF token of their writes. */
export const VisitorEntered = withExamples(
  Closed({
    data: Closed({
      visitor: Closed({ id: VisitorId, email: Type.String() }),
      collection_id: CollectionId,
      csrf_token: Type.String(),
      /** When the visitor session ends at the latest (sooner if the link is revoked). */
      expires_at: Timestamp,
    }),
  }),
  [
    {
      data: {
        visitor: { id: 'vi_Lw3Kd8Rt1Yc6Np0Xb5Qm9Gh2Sv7Fj4', email: 'grandma@example.com' },
        collection_id: 48213907,
        csrf_token: 'q6Tn0bVj3Yw8Xk2Lr5Zp9Hc1Ds4Fg7Ja0Me3Uo6Wi8',
        expires_at: '2026-04-15T17:05:00.000000Z',
      },
    },
  ],
);
export type VisitorEntered = Static<typeof VisitorEntered>;

/** The JSON answer to `POST /s/leave`: the visitor session has ended. */
export const VisitLeft = withExamples(Closed({ data: Closed({ left: Type.Literal(true) }) }), [
  { data: { left: true } },
]);
export type VisitLeft = Static<typeof VisitLeft>;

/** Who is asking, for `before_show`. */
export const VIEWER_KINDS = ['studio', 'client', 'visitor'] as const;
/**
 * What stands between the asking viewer and a collection: nothing (`ok`), its password (a
 * visitor who has not entered it, or entered an older one), or its expiry date.
 */
export const BEFORE_SHOW_STATUSES = ['ok', 'password_required', 'expired'] as const;
export type BeforeShowStatus = (typeof BEFORE_SHOW_STATUSES)[number];

/** `GET /api/v1/collections/{id}/before_show`. */
export const BeforeShow = withExamples(
  Closed({
    collection_id: CollectionId,
    status: Type.Union(BEFORE_SHOW_STATUSES.map((s) => Type.Literal(s))),
    viewer: Type.Union(VIEWER_KINDS.map((k) => Type.Literal(k))),
    password_protected: Type.Boolean(),
    /** Whether this viewer must enter the password: never the studio or a gallery client. */
    password_required: Type.Boolean(),
    expiry_date: Nullable(Type.String()),
    expired: Type.Boolean(),
  }),
  [
    {
      collection_id: 48213907,
      status: 'password_required',
      viewer: 'visitor',
      password_protected: true,
      password_required: true,
      expiry_date: '2026-12-31',
      expired: false,
    },
  ],
);
export type BeforeShow = Static<typeof BeforeShow>;

/** `GET /api/v1/collections/{id}/edit`: the settings the studio edits, the password left out. */
export const CollectionEdit = withExamples(
  Closed({
    id: CollectionId,
    name: Type.String(),
    description: Nullable(Type.String()),
    password_protected: Type.Boolean(),
    downloadable: Type.Boolean(),
    watermark: Type.Boolean(),
    expiry_date: Nullable(Type.String()),
    shared_with: Type.Array(Type.String()),
    /** Share links that still open it (not expired). */
    active_share_links: Type.Integer(),
  }),
  [
    {
      id: 48213907,
      name: 'Reyes-Okafor Wedding',
      description: 'Ceremony, portraits and the party at Fort Mason.',
      password_protected: true,
      downloadable: true,
      watermark: false,
      expiry_date: '2026-12-31',
      shared_with: ['gallery-client@example.com'],
      active_share_links: 2,
    },
  ],
);
export type CollectionEdit = Static<typeof CollectionEdit>;

/** How someone has access to a collection: shared with their account, or through a link. */
export const ACCESS_LEVELS = ['client', 'visitor'] as const;

/** One person with access, as `GET /api/v1/collections/{id}/clients` lists them. */
export const CollectionClient = withExamples(
  Closed({
    /** A user ID (`us_…`) for a gallery client, a visitor ID (`vi_…`) for a visitor. */
    id: Type.String(),
    email: Type.String(),
    /** A visitor has left only an email. */
    name: Nullable(Type.String()),
    access_level: Type.Union(ACCESS_LEVELS.map((a) => Type.Literal(a))),
    /**
     * A gallery client's last request to the Gallery API (any collection); a visitor's last
     * request through a link of this one. `null`: never.
     */
    last_accessed: Nullable(Timestamp),
    /** Photos they favorited in this collection, over all their lists. */
    favorites_count: Type.Integer(),
  }),
  [
    {
      id: 'us_N4bX8kQ2rT6mW0cL3vY7pZ1sJ5hG9d',
      email: 'gallery-client@example.com',
      name: 'Maya Reyes',
      access_level: 'client',
      last_accessed: '2026-03-16T19:40:12.000000Z',
      favorites_count: 38,
    },
    {
      id: 'vi_Lw3Kd8Rt1Yc6Np0Xb5Qm9Gh2Sv7Fj4',
      email: 'grandma@example.com',
      name: null,
      access_level: 'visitor',
      last_accessed: '2026-03-17T08:12:40.000000Z',
      favorites_count: 4,
    },
  ],
);
export type CollectionClient = Static<typeof CollectionClient>;

/** One email that entered a collection through a share link. */
export const VisitorEmail = withExamples(
  Closed({
    visitor_id: VisitorId,
    email: Type.String(),
    first_visited_at: Timestamp,
    last_visited_at: Timestamp,
    /** How many times they entered (each email and password form sent). */
    visits: Type.Integer(),
  }),
  [
    {
      visitor_id: 'vi_Lw3Kd8Rt1Yc6Np0Xb5Qm9Gh2Sv7Fj4',
      email: 'grandma@example.com',
      first_visited_at: '2026-03-16T19:40:12.000000Z',
      last_visited_at: '2026-03-17T08:12:40.000000Z',
      visits: 2,
    },
  ],
);
export type VisitorEmail = Static<typeof VisitorEmail>;

const defaultsFields = {
  /** Whether new collections are downloadable. */
  downloadable: Type.Boolean(),
  /** New collections expire this many days after they are created; `null`: never. */
  expiry_days: Nullable(Type.Integer({ minimum: 1, maximum: 3650 })),
  /** Whether new collections carry the watermark. */
  watermark: Type.Boolean(),
};

/**
 * `GET /api/v1/collection_defaults/{id}/before_collection_default_settings`: what a new
 * collection of the studio starts with, unless its create body says otherwise.
 */
export const CollectionDefaults = withExamples(
  Closed({
    /** The account's ID (`ac_…`, from `/api/v1/data/bootstrap`): one set per studio. */
    id: Type.String(),
    ...defaultsFields,
    /** `null`: never changed, these are the server's defaults. */
    updated_at: Nullable(Timestamp),
  }),
  [
    {
      id: 'ac_zttpSw1OHsHXUrE9v66eDyyVCefutq',
      downloadable: true,
      expiry_days: 90,
      watermark: false,
      updated_at: '2026-03-01T12:00:00.000000Z',
    },
  ],
);
export type CollectionDefaults = Static<typeof CollectionDefaults>;

/** The body of `PUT /api/v1/collection_defaults/{id}`: the settings to change, at least one. */
export const CollectionDefaultsUpdate = withExamples(
  Type.Partial(Closed(defaultsFields), { additionalProperties: false, minProperties: 1 }),
  [{ expiry_days: 90 }],
);
export type CollectionDefaultsUpdate = Static<typeof CollectionDefaultsUpdate>;
