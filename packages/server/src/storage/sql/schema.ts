/**
 * Table types for Kysely, shared by SQLite and PostgreSQL. Times are integer milliseconds and
 * booleans are 0/1 on both, so that one query layer serves both dialects.
 */

export interface AccountsTable {
  id: string;
  name: string;
  subdomain: string;
  plan: string;
  timezone: string;
  currency: string;
  locale: string;
  created_at: number;
}

export interface UsersTable {
  id: string;
  /** The studio a new sign-in opens: the first one joined, then the last one switched to. */
  account_id: string;
  email: string;
  /** Lower-cased email: the unique key that login looks up. */
  email_key: string;
  first_name: string;
  last_name: string;
  password_hash: string;
  created_at: number;
  /** When an owner removed the user: they no longer sign in, nor are they listed. */
  disabled_at: number | null;
  /**
   * When the address was shown to be the user's: a sign-up's, invitation's or email change's
   * link sent to it was opened, or the operator vouched for it (`create-user`). Null only on
   * rows a past migration could not date.
   */
  email_verified_at: number | null;
}

/** A user's place in a studio: one row per studio they belong to, with their role there. */
export interface MembershipsTable {
  account_id: string;
  user_id: string;
  role: string;
  created_at: number;
}

export interface LoginsTable {
  id: string;
  user_id: string;
  account_id: string;
  role: string;
  session_hash: string;
  session_created_at: number;
  last_seen_at: number;
  auth_token_hash: string;
  auth_token_expires_at: number;
  created_at: number;
  user_agent: string | null;
  ip: string | null;
}

export interface RetiredTokensTable {
  token_hash: string;
  login_id: string;
  retired_at: number;
  expires_at: number;
}

export interface ClientsTable {
  id: string;
  account_id: string;
  email: string | null;
  first_name: string;
  last_name: string | null;
  phone: string | null;
  company: string | null;
  job_title: string | null;
  /** JSON of the address object. */
  address: string;
  notes: string | null;
  avatar_color: number;
  status: number;
  type: string;
  sample: number;
  /** Lower-cased names, email, company and phone, for search. */
  search_text: string;
  created_at: number;
  updated_at: number;
}

/** How many clients each account has of each type, kept with every client write. */
export interface ClientVersionsTable {
  account_id: string;
  version: number;
}

export interface ClientCountsTable {
  account_id: string;
  type: string;
  n: number;
}

export interface NotificationsTable {
  id: string;
  account_id: string;
  type: string;
  title: string;
  message: string;
  /** JSON of the subject object. */
  subject: string;
  read_at: number | null;
  created_at: number;
}

export interface CollectionsTable {
  id: number;
  account_id: string;
  name: string;
  description: string | null;
  password_protected: number;
  /** Added by `0007_share_links`: the argon2 hash of the visitors' password. */
  password_hash: string | null;
  downloadable: number;
  /** The sizes offered, comma-separated (`original,high,web`); empty: none. */
  download_sizes: string;
  /** Argon2id hash of the download PIN; `null`: no PIN. */
  download_pin_hash: string | null;
  expiry_date: string | null;
  created_at: number;
  updated_at: number;
}

export interface CollectionSharesTable {
  collection_id: number;
  user_id: string;
}

export interface GalleriesTable {
  id: number;
  collection_id: number;
  account_id: string;
  name: string;
  description: string | null;
  photo_count: number;
  video_count: number;
  private: number;
  download: number;
  favorite_count: number;
  /** The cover the studio chose; `null`: the first photo the viewer may see. */
  cover_photo_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface PhotosTable {
  id: number;
  account_id: string;
  collection_id: number;
  gallery_id: number;
  kind: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  taken_at: string | null;
  camera: string | null;
  lens: string | null;
  has_gps: number;
  status: string;
  status_reason: string | null;
  thumbhash: string | null;
  /** JSON array of the sizes made: kind, format, sha256, size, width, height, content type. */
  derivatives: string;
  /** Their bytes together, counted in the account's usage. */
  derivative_bytes: number;
  position: number;
  hidden: number;
  favorite_count: number;
  uploaded_by: string | null;
  created_at: number;
  updated_at: number;
}

/** Which blobs each photo refers to: a blob no row names may be deleted. */
export interface PhotoBlobsTable {
  photo_id: number;
  sha256: string;
}

/** A person's named list of favorite photos in one collection. */
export interface FavoriteListsTable {
  id: string;
  account_id: string;
  collection_id: number;
  /** A user id, or a share-link visitor's id. */
  owner_key: string;
  name: string;
  min_selection: number | null;
  max_selection: number | null;
  created_at: number;
  updated_at: number;
  /** 1 for the person's default list in the collection. */
  is_default: number;
  /** `<collection_id>:<owner_key>` for a default list, else null: unique, so there is one. */
  default_key: string | null;
  /** 1 when the studio made it for its owner. */
  set_by_studio: number;
  /** When its owner submitted it; null while open. */
  submitted_at: number | null;
}

/** A photo in a favorites list; `owner_key` repeats the list's, for "did they favorite it". */
export interface PhotoFavoritesTable {
  list_id: string;
  photo_id: number;
  owner_key: string;
  created_at: number;
}

/** A comment on a photo, plain text. */
export interface PhotoCommentsTable {
  id: string;
  account_id: string;
  collection_id: number;
  photo_id: number;
  /** A user id, or a share-link visitor's id. */
  author_key: string;
  /** 1 when the author was the studio's owner or an assistant. */
  from_studio: number;
  text: string;
  created_at: number;
}

/** Bytes each account stores: originals and derivatives, once per photo. */
export interface AccountUsageTable {
  account_id: string;
  bytes: number;
}

/** Background jobs of the table queue (`storage/queue/sql-job-queue.ts`). */
export interface JobsTable {
  id: string;
  name: string;
  /** JSON. */
  payload: string;
  /** `queued` (waiting for `run_at`), `running` (under a lease) or `failed` (for good). */
  state: string;
  singleton_key: string | null;
  /** Runs started so far; also the fencing token of the current lease. */
  attempts: number;
  max_attempts: number;
  run_at: number;
  lease_until: number | null;
  lease_owner: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

/** Every email the server sends, with where it is on its way (`mail/`). */
export interface OutboxMessagesTable {
  id: string;
  /** The account of the user written to: whose owners see the message. */
  account_id: string;
  kind: string;
  to_address: string;
  from_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** `queued`, `sent` or `failed`. */
  status: string;
  /** `smtp` or `outbox`: where the mailer that took it delivers. */
  transport: string;
  attempts: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

/** Password reset tokens, by hash only (`auth/password-reset/`). */
export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** A user's authenticator app (`auth/two-factor/`); the secret is sealed. */
export interface TotpFactorsTable {
  user_id: string;
  sealed_secret: string;
  created_at: number;
  confirmed_at: number | null;
  last_studio_step: number;
  last_gallery_step: number;
}

/** Recovery codes, by hash only. */
export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

/** Sign-ins waiting for their second factor, by token hash only. */
export interface MfaChallengesTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  failures: number;
}

/** WebAuthn credentials (`auth/passkeys/`): public keys and signature counters. */
export interface PasskeysTable {
  id: string;
  user_id: string;
  account_id: string;
  credential_id: string;
  public_key: string;
  counter: number;
  /** JSON array of transport names. */
  transports: string;
  name: string;
  /** 1 or 0. */
  backed_up: number;
  created_at: number;
  last_used_at: number | null;
}

/** WebAuthn challenges handed to browsers, by hash only; single-use. */
export interface PasskeyChallengesTable {
  challenge_hash: string;
  purpose: string;
  user_id: string | null;
  mfa_token_hash: string | null;
  created_at: number;
  expires_at: number;
}

/** Invitations to join a studio, the token by hash only (`auth/invitations/`). */
/** A sign-up waiting for its link to be opened: the studio and owner it will make. */
export interface PendingSignUpsTable {
  token_hash: string;
  email: string;
  studio_name: string;
  first_name: string;
  last_name: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** A change of a user's address waiting for the link sent to the new one. */
export interface PendingEmailChangesTable {
  token_hash: string;
  user_id: string;
  new_email: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface InvitationsTable {
  id: string;
  account_id: string;
  email: string;
  /** Lower-cased email: at most one open invitation per address and account. */
  email_key: string;
  role: string;
  first_name: string;
  last_name: string;
  token_hash: string;
  invited_by: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_user_id: string | null;
  revoked_at: number | null;
}

/** A collection to share with an invitation's person once they accept. */
export interface InvitationSharesTable {
  invitation_id: string;
  collection_id: number;
}

export interface GalleryFavoritesTable {
  gallery_id: number;
  user_id: string;
  created_at: number;
}

/** One download: who fetched what, in which size, and how much of it arrived. */
export interface DownloadsTable {
  id: string;
  account_id: string;
  collection_id: number;
  /** `null` for a collection's ZIP. */
  gallery_id: number | null;
  /** `null` for a ZIP. */
  photo_id: number | null;
  /** `photo`, `video`, `gallery` or `collection`. */
  subject: string;
  size: string;
  filename: string;
  viewer_key: string;
  email: string | null;
  ip: string;
  user_agent: string | null;
  range_start: number;
  bytes_expected: number;
  /** `null` until the response closes. */
  bytes_sent: number | null;
  completed: number;
  created_at: number;
  finished_at: number | null;
}

/** A share link; only the hash of its secret token is stored. */
export interface ShareLinksTable {
  id: string;
  account_id: string;
  collection_id: number;
  token_hash: string;
  password_hash: string | null;
  downloads: string;
  /** JSON array of gallery ids, or null for every gallery. */
  gallery_ids: string | null;
  photo_id: number | null;
  expires_at: number | null;
  visits: number;
  last_visited_at: number | null;
  created_by: string | null;
  created_at: number;
}

/** One email in one collection, entered through any of its links. */
export interface VisitorsTable {
  id: string;
  account_id: string;
  collection_id: number;
  email: string;
  /** Lower-cased email: one visitor per address and collection. */
  email_key: string;
  first_visited_at: number;
  last_visited_at: number;
  /** Their last request (touched at most once a minute). */
  last_seen_at: number;
  visits: number;
}

/** Which visitors came through which link, and how often. */
export interface ShareLinkVisitorsTable {
  link_id: string;
  visitor_id: string;
  visits: number;
}

/** A visitor's session, bound to the link they entered by; only its token's hash is stored. */
export interface VisitorSessionsTable {
  token_hash: string;
  visitor_id: string;
  link_id: string;
  account_id: string;
  collection_id: number;
  /** A hash of the collection's password hash when the visitor entered it, or null. */
  password_stamp: string | null;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

/** When a gallery client last opened a collection. */
export interface CollectionAccessTable {
  collection_id: number;
  owner_key: string;
  account_id: string;
  last_accessed_at: number;
}

/** What a new collection of the account starts with. */
export interface CollectionDefaultsTable {
  account_id: string;
  downloadable: number;
  expiry_days: number | null;
  watermark: number;
  updated_at: number;
}

/** The studio's watermark; opacity and scale in whole percent. */
export interface WatermarksTable {
  account_id: string;
  kind: string;
  text: string;
  logo_sha256: string | null;
  opacity: number;
  scale: number;
  position: string;
  updated_at: number;
}

export interface CollectionWatermarksTable {
  collection_id: number;
  account_id: string;
  enabled: number;
}

/** A derivative with a watermark on it, by source blob and the settings it was made with. */
export interface WatermarkVariantsTable {
  source_sha256: string;
  mark_key: string;
  sha256: string;
  bytes: number;
  content_type: string;
  created_at: number;
}

/** One security event of a studio (`audit/`). Never a secret: see `AuditDetail`. */
export interface AuditEventsTable {
  id: string;
  account_id: string;
  type: string;
  /** Whose event it is; `null` where no user could be named. */
  user_id: string | null;
  /** Who acted, when someone else than the user. */
  actor_id: string | null;
  ip: string | null;
  user_agent: string | null;
  /** The event's `AuditDetail`, as JSON. */
  detail: string;
  created_at: number;
}

export interface Database {
  accounts: AccountsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  invitation_shares: InvitationSharesTable;
  pending_sign_ups: PendingSignUpsTable;
  pending_email_changes: PendingEmailChangesTable;
  logins: LoginsTable;
  retired_tokens: RetiredTokensTable;
  clients: ClientsTable;
  client_counts: ClientCountsTable;
  client_versions: ClientVersionsTable;
  notifications: NotificationsTable;
  collections: CollectionsTable;
  collection_shares: CollectionSharesTable;
  galleries: GalleriesTable;
  gallery_favorites: GalleryFavoritesTable;
  photos: PhotosTable;
  photo_blobs: PhotoBlobsTable;
  favorite_lists: FavoriteListsTable;
  photo_favorites: PhotoFavoritesTable;
  photo_comments: PhotoCommentsTable;
  account_usage: AccountUsageTable;
  downloads: DownloadsTable;
  share_links: ShareLinksTable;
  visitors: VisitorsTable;
  share_link_visitors: ShareLinkVisitorsTable;
  visitor_sessions: VisitorSessionsTable;
  collection_access: CollectionAccessTable;
  collection_defaults: CollectionDefaultsTable;
  watermarks: WatermarksTable;
  collection_watermarks: CollectionWatermarksTable;
  watermark_variants: WatermarkVariantsTable;
  jobs: JobsTable;
  outbox_messages: OutboxMessagesTable;
  password_resets: PasswordResetsTable;
  totp_factors: TotpFactorsTable;
  recovery_codes: RecoveryCodesTable;
  mfa_challenges: MfaChallengesTable;
  passkeys: PasskeysTable;
  passkey_challenges: PasskeyChallengesTable;
  audit_events: AuditEventsTable;
}
