/**
 * Schema migrations, written once with Kysely's schema builder for SQLite and PostgreSQL.
 * Append new migrations; never edit one that has shipped.
 */
import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { createSearchIndex } from './search-index.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema, so they are untyped by design.
type AnyDb = Kysely<any>;

const initial: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('subdomain', 'text', (c) => c.notNull().unique())
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('timezone', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('email_key', 'text', (c) => c.notNull().unique())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('logins')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('session_hash', 'text', (c) => c.notNull().unique())
      .addColumn('session_created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('auth_token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('auth_token_expires_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('user_agent', 'text')
      .addColumn('ip', 'text')
      .execute();
    await db.schema.createIndex('logins_user_id').on('logins').column('user_id').execute();

    await db.schema
      .createTable('retired_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('login_id', 'text', (c) => c.notNull())
      .addColumn('retired_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('retired_tokens_login_id')
      .on('retired_tokens')
      .column('login_id')
      .execute();

    await db.schema
      .createTable('clients')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text')
      .addColumn('phone', 'text')
      .addColumn('company', 'text')
      .addColumn('job_title', 'text')
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('avatar_color', 'integer', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('sample', 'integer', (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('clients_account_created')
      .on('clients')
      .columns(['account_id', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('clients_account_type_created')
      .on('clients')
      .columns(['account_id', 'type', 'created_at', 'id'])
      .execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('read_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('notifications_account_created')
      .on('notifications')
      .columns(['account_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('collections')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('password_protected', 'integer', (c) => c.notNull())
      .addColumn('downloadable', 'integer', (c) => c.notNull())
      .addColumn('expiry_date', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('collections_account_created')
      .on('collections')
      .columns(['account_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('collection_shares')
      .addColumn('collection_id', 'bigint', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('collection_shares_pk', ['collection_id', 'user_id'])
      .execute();
    await db.schema
      .createIndex('collection_shares_user')
      .on('collection_shares')
      .column('user_id')
      .execute();

    await db.schema
      .createTable('galleries')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('collection_id', 'bigint', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('photo_count', 'integer', (c) => c.notNull())
      .addColumn('video_count', 'integer', (c) => c.notNull())
      .addColumn('private', 'integer', (c) => c.notNull())
      .addColumn('download', 'integer', (c) => c.notNull())
      .addColumn('favorite_count', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('galleries_collection')
      .on('galleries')
      .column('collection_id')
      .execute();

    await db.schema
      .createTable('gallery_favorites')
      .addColumn('gallery_id', 'bigint', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('gallery_favorites_pk', ['gallery_id', 'user_id'])
      .execute();
  },
};

/** Client search through a substring index, and client totals kept rather than counted. */
const clientSearchAndCounts: Migration = {
  async up(db: AnyDb) {
    await createSearchIndex(db);
    await db.schema
      .createTable('client_counts')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('n', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('client_counts_pk', ['account_id', 'type'])
      .execute();
    await sql`insert into client_counts (account_id, type, n)
      select account_id, type, count(*) from clients group by account_id, type`.execute(db);
  },
};

/** A version per account's clients, for caches of client lists shared by several instances. */
const clientVersions: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('client_versions')
      .addColumn('account_id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .execute();
  },
};

/**
 * Photos and videos, with their sizes (derivatives) as JSON, and each account's stored bytes,
 * kept with every write so that a quota is checked without summing a table. Galleries get a
 * chosen cover; without one, the first photo a viewer may see is the cover.
 */
const photos: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('photos')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('collection_id', 'bigint', (c) => c.notNull())
      .addColumn('gallery_id', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('width', 'integer')
      .addColumn('height', 'integer')
      .addColumn('taken_at', 'text')
      .addColumn('camera', 'text')
      .addColumn('lens', 'text')
      .addColumn('has_gps', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_reason', 'text')
      .addColumn('thumbhash', 'text')
      .addColumn('derivatives', 'text', (c) => c.notNull())
      .addColumn('derivative_bytes', 'bigint', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addColumn('hidden', 'integer', (c) => c.notNull())
      .addColumn('favorite_count', 'integer', (c) => c.notNull())
      .addColumn('uploaded_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('photos_gallery_position')
      .on('photos')
      .columns(['gallery_id', 'position', 'id'])
      .execute();
    await db.schema
      .createIndex('photos_collection')
      .on('photos')
      .columns(['collection_id', 'gallery_id'])
      .execute();
    // Every blob a photo refers to (original and each derivative): what may not be deleted.
    await db.schema
      .createTable('photo_blobs')
      .addColumn('photo_id', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('photo_blobs_pk', ['photo_id', 'sha256'])
      .execute();
    await db.schema.createIndex('photo_blobs_sha256').on('photo_blobs').column('sha256').execute();
    await db.schema.createIndex('photos_status').on('photos').columns(['status', 'id']).execute();
    // Proofing: each person's named lists of favorite photos, in one collection. The owner is a
    // user id or a share-link visitor id: a favorites list belongs to whoever made it.
    await db.schema
      .createTable('favorite_lists')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('collection_id', 'bigint', (c) => c.notNull())
      .addColumn('owner_key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('min_selection', 'integer')
      .addColumn('max_selection', 'integer')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('favorite_lists_owner')
      .on('favorite_lists')
      .columns(['collection_id', 'owner_key'])
      .execute();
    await db.schema
      .createTable('photo_favorites')
      .addColumn('list_id', 'text', (c) => c.notNull())
      .addColumn('photo_id', 'bigint', (c) => c.notNull())
      .addColumn('owner_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('photo_favorites_pk', ['list_id', 'photo_id'])
      .execute();
    await db.schema
      .createIndex('photo_favorites_photo_owner')
      .on('photo_favorites')
      .columns(['photo_id', 'owner_key'])
      .execute();
    await db.schema
      .createTable('account_usage')
      .addColumn('account_id', 'text', (c) => c.primaryKey())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('galleries').addColumn('cover_photo_id', 'bigint').execute();
  },
};

/**
 * Share links, their visitors and visitor sessions, collection passwords (hashed), per-collection
 * access times of gallery clients, and the defaults new collections start with. A collection
 * marked `password_protected` before this has no hash: it stays protected, and no password
 * opens it to visitors until the studio sets one.
 */
const shareLinks: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('collections').addColumn('password_hash', 'text').execute();
    await db.schema
      .createTable('share_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('collection_id', 'bigint', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text')
      .addColumn('downloads', 'text', (c) => c.notNull())
      .addColumn('gallery_ids', 'text')
      .addColumn('photo_id', 'bigint')
      .addColumn('expires_at', 'bigint')
      .addColumn('visits', 'bigint', (c) => c.notNull())
      .addColumn('last_visited_at', 'bigint')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('share_links_collection')
      .on('share_links')
      .columns(['collection_id', 'created_at'])
      .execute();
    await db.schema
      .createTable('visitors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('collection_id', 'bigint', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('email_key', 'text', (c) => c.notNull())
      .addColumn('first_visited_at', 'bigint', (c) => c.notNull())
      .addColumn('last_visited_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('visits', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('visitors_collection_email', ['collection_id', 'email_key'])
      .execute();
    await db.schema
      .createTable('share_link_visitors')
      .addColumn('link_id', 'text', (c) => c.notNull())
      .addColumn('visitor_id', 'text', (c) => c.notNull())
      .addColumn('visits', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('share_link_visitors_pk', ['link_id', 'visitor_id'])
      .execute();
    await db.schema
      .createTable('visitor_sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('visitor_id', 'text', (c) => c.notNull())
      .addColumn('link_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('collection_id', 'bigint', (c) => c.notNull())
      .addColumn('password_stamp', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('visitor_sessions_link')
      .on('visitor_sessions')
      .column('link_id')
      .execute();
    await db.schema
      .createIndex('visitor_sessions_visitor')
      .on('visitor_sessions')
      .columns(['visitor_id', 'expires_at'])
      .execute();
    await db.schema
      .createTable('collection_access')
      .addColumn('collection_id', 'bigint', (c) => c.notNull())
      .addColumn('owner_key', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('last_accessed_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('collection_access_pk', ['collection_id', 'owner_key'])
      .execute();
    await db.schema
      .createTable('collection_defaults')
      .addColumn('account_id', 'text', (c) => c.primaryKey())
      .addColumn('downloadable', 'integer', (c) => c.notNull())
      .addColumn('expiry_days', 'integer')
      .addColumn('watermark', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};

/**
 * The table job queue: a job is a row until it succeeds (then deleted) or fails for good. A
 * partial unique index keeps one waiting job per singleton key; the claim index serves the
 * workers' one query.
 */
const jobs: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('singleton_key', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('run_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_until', 'bigint')
      .addColumn('lease_owner', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('jobs_claim')
      .on('jobs')
      .columns(['name', 'state', 'run_at'])
      .execute();
    // The same statement on SQLite and PostgreSQL: NULL keys are distinct in both.
    await sql`create unique index jobs_singleton on jobs (name, singleton_key)
      where state = 'queued' and attempts = 0`.execute(db);
  },
};

/**
 * The studio's watermark, which collections carry it, and the marked renderings made so far
 * (by source blob and the settings they were made with, so a change of settings makes new
 * ones instead of serving stale ones).
 */
const watermarks: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('watermarks')
      .addColumn('account_id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('logo_sha256', 'text')
      .addColumn('opacity', 'integer', (c) => c.notNull())
      .addColumn('scale', 'integer', (c) => c.notNull())
      .addColumn('position', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('collection_watermarks')
      .addColumn('collection_id', 'bigint', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('watermark_variants')
      .addColumn('source_sha256', 'text', (c) => c.notNull())
      .addColumn('mark_key', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('watermark_variants_pk', ['source_sha256', 'mark_key'])
      .execute();
  },
};

/**
 * Proofing: a default favorites list per person and collection (one, whoever races to make it:
 * `default_key` is unique), lists the studio makes for a client, submitting a list, and comments
 * on photos. Indexes for a person's favorites across collections and the most-favorited photos.
 */
const proofing: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('favorite_lists')
      .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // `<collection>:<owner>` for a default list, else null; SQLite cannot add a UNIQUE column,
    // and a unique index lets many nulls through on both databases.
    await db.schema.alterTable('favorite_lists').addColumn('default_key', 'text').execute();
    await db.schema
      .createIndex('favorite_lists_default_key')
      .unique()
      .on('favorite_lists')
      .column('default_key')
      .execute();
    await db.schema
      .alterTable('favorite_lists')
      .addColumn('set_by_studio', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('favorite_lists').addColumn('submitted_at', 'bigint').execute();
    await db.schema
      .createIndex('photo_favorites_owner_created')
      .on('photo_favorites')
      .columns(['owner_key', 'created_at'])
      .execute();
    await db.schema
      .createIndex('photos_account_favorites')
      .on('photos')
      .columns(['account_id', 'favorite_count'])
      .execute();
    await db.schema
      .createTable('photo_comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('collection_id', 'bigint', (c) => c.notNull())
      .addColumn('photo_id', 'bigint', (c) => c.notNull())
      .addColumn('author_key', 'text', (c) => c.notNull())
      .addColumn('from_studio', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('photo_comments_photo_created')
      .on('photo_comments')
      .columns(['photo_id', 'created_at', 'id'])
      .execute();
  },
};

/**
 * Download settings of collections (the sizes offered, a hashed download PIN), and a record of
 * every download, for the tracking endpoints: per collection newest first, and per photo.
 */
const downloads: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('collections')
      .addColumn('download_sizes', 'text', (c) => c.notNull().defaultTo('original,high,web'))
      .execute();
    await db.schema.alterTable('collections').addColumn('download_pin_hash', 'text').execute();
    await db.schema
      .createTable('downloads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('collection_id', 'bigint', (c) => c.notNull())
      .addColumn('gallery_id', 'bigint')
      .addColumn('photo_id', 'bigint')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('size', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('viewer_key', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text')
      .addColumn('range_start', 'bigint', (c) => c.notNull())
      .addColumn('bytes_expected', 'bigint', (c) => c.notNull())
      .addColumn('bytes_sent', 'bigint')
      .addColumn('completed', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('downloads_collection_created')
      .on('downloads')
      .columns(['collection_id', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('downloads_photo')
      .on('downloads')
      .columns(['photo_id', 'created_at'])
      .execute();
  },
};

/**
 * Email: the outbox every message is kept in (newest first per account, for its owners), and
 * password reset tokens, stored as hashes only, looked up by hash and swept by user.
 */
const mail: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('outbox_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('from_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text_body', 'text', (c) => c.notNull())
      .addColumn('html_body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('transport', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('outbox_messages_account_created')
      .on('outbox_messages')
      .columns(['account_id', 'created_at', 'id'])
      .execute();
    await db.schema
      .createTable('password_resets')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('password_resets_user')
      .on('password_resets')
      .column('user_id')
      .execute();
  },
};

/**
 * The audit log: each studio's security events, read newest first per account (ties broken by
 * ID, so that pages never repeat or skip a row) and deleted by age.
 */
const audit: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('audit_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('actor_id', 'text')
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_events_account_created')
      .on('audit_events')
      .columns(['account_id', 'created_at desc', 'id'])
      .execute();
    // The retention sweep deletes by age across every account.
    await db.schema
      .createIndex('audit_events_created')
      .on('audit_events')
      .column('created_at')
      .execute();
  },
};

/**
 * Second factors: one authenticator app per user (its secret sealed by the server's key),
 * recovery codes and pending second steps of sign-in, both stored as hashes only.
 */
const secondFactors: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('totp_factors')
      .addColumn('user_id', 'text', (c) =>
        c.primaryKey().references('users.id').onDelete('cascade'),
      )
      .addColumn('sealed_secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('confirmed_at', 'bigint')
      .addColumn('last_studio_step', 'bigint', (c) => c.notNull())
      .addColumn('last_gallery_step', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('recovery_codes')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_hash'])
      .execute();
    await db.schema
      .createTable('mfa_challenges')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('mfa_challenges_user')
      .on('mfa_challenges')
      .column('user_id')
      .execute();
  },
};

/**
 * Invitations to join a studio (`auth/invitations/`): the token as a hash only, at most one
 * open invitation per address and studio (a re-invite renews it), and users that can be
 * removed without deleting their row (`disabled_at`), so that what they left behind (their
 * favorites, comments, downloads) still names someone.
 */
const invitations: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('email_key', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('invited_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('accepted_at', 'bigint')
      .addColumn('accepted_user_id', 'text')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('invitations_account_created')
      .on('invitations')
      .columns(['account_id', 'created_at', 'id'])
      .execute();
    // One open invitation per address and studio: two re-invites at once cannot make two.
    await db.schema
      .createIndex('invitations_open_email')
      .on('invitations')
      .columns(['account_id', 'email_key'])
      .unique()
      .where(sql<boolean>`accepted_at is null and revoked_at is null`)
      .execute();
    await db.schema.alterTable('users').addColumn('disabled_at', 'bigint').execute();
    await db.schema
      .createIndex('users_account')
      .on('users')
      .columns(['account_id', 'created_at'])
      .execute();
  },
};

/**
 * Several studios per user (`memberships`): a user is one person with one email and password,
 * and a member of each studio that invited them, with a role in each. `users.account_id` stays
 * as the studio a new sign-in opens (the last one switched to); the role moves to the
 * membership. A user removed from their last studio is disabled as before.
 */
const memberships: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('memberships')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pk', ['account_id', 'user_id'])
      .execute();
    await db.schema
      .createIndex('memberships_user')
      .on('memberships')
      .columns(['user_id', 'created_at'])
      .execute();
    await sql`insert into memberships (account_id, user_id, role, created_at)
      select account_id, id, role, created_at from users where disabled_at is null`.execute(db);
    await db.schema.alterTable('users').dropColumn('role').execute();
  },
};

/**
 * Collections shared with an address that has no account yet: its invitation carries them, and
 * accepting shares them with the new member (`invitation_shares`).
 */
const invitationShares: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('invitation_shares')
      .addColumn('invitation_id', 'text', (c) => c.notNull())
      .addColumn('collection_id', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('invitation_shares_pk', ['invitation_id', 'collection_id'])
      .execute();
    await db.schema
      .createIndex('invitation_shares_collection')
      .on('invitation_shares')
      .column('collection_id')
      .execute();
  },
};

/**
 * Sign-up and email verification (`auth/sign-up/`, `auth/email-change/`): sign-ups waiting
 * for their link and email changes waiting for the new address's, both by token hash only
 * (nothing of them is a user until the link is opened), and when each user's address was
 * verified. Users made before count as verified: an owner, an invitation or the operator
 * vouched for each.
 */
const signUp: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('pending_sign_ups')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('studio_name', 'text', (c) => c.notNull())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('pending_sign_ups_expires')
      .on('pending_sign_ups')
      .column('expires_at')
      .execute();
    await db.schema
      .createTable('pending_email_changes')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('new_email', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('pending_email_changes_user')
      .on('pending_email_changes')
      .column('user_id')
      .execute();
    await db.schema.alterTable('users').addColumn('email_verified_at', 'bigint').execute();
    await db.updateTable('users').set({ email_verified_at: sql`created_at` }).execute();
  },
};

/**
 * WebAuthn passkeys (`auth/passkeys/`): each user's credentials (public keys only, nothing
 * secret) with their signature counters, and the challenges handed to browsers, by hash,
 * single-use and short-lived.
 */
const passkeys: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('passkeys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull())
      // One credential is one user's: a second registration of it is refused, whoever asks.
      .addColumn('credential_id', 'text', (c) => c.notNull().unique())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('counter', 'bigint', (c) => c.notNull())
      .addColumn('transports', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('backed_up', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('passkeys_user')
      .on('passkeys')
      .columns(['user_id', 'created_at'])
      .execute();
    await db.schema
      .createTable('passkey_challenges')
      .addColumn('challenge_hash', 'text', (c) => c.primaryKey())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
      .addColumn('mfa_token_hash', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('passkey_challenges_expiry')
      .on('passkey_challenges')
      .column('expires_at')
      .execute();
  },
};

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_client_search_and_counts': clientSearchAndCounts,
  '0003_client_versions': clientVersions,
  '0004_photos': photos,
  '0005_jobs': jobs,
  '0006_proofing': proofing,
  '0007_share_links': shareLinks,
  '0008_downloads': downloads,
  '0009_watermarks': watermarks,
  '0010_mail': mail,
  '0011_audit': audit,
  '0012_invitations': invitations,
  '0013_second_factors': secondFactors,
  '0016_memberships': memberships,
  '0017_invitation_shares': invitationShares,
  '0018_sign_up': signUp,
  '0019_passkeys': passkeys,
};

/** A provider for Kysely's `Migrator`. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
