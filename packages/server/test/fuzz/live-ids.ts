/**
 * The IDs that references in fuzzed requests resolve to: the live rows of each kind, read when
 * the request is sent, so that updates and deletes hit real rows (other roles' and the other
 * studio's among them) even after earlier requests created and deleted some.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/storage/sql/schema.js';
import { SCRIPTS } from '../../src/web/static-assets.js';
import type { Resource } from './fuzz-request.js';

/** A well-formed ID of each resource that matches no row, for when none is left. */
const ABSENT_IDS: Record<Resource, string> = {
  client: `cl_${'Z'.repeat(30)}`,
  notification: `nt_${'Z'.repeat(30)}`,
  login: `lg_${'Z'.repeat(30)}`,
  collection: '99999999',
  gallery: '999999999',
  photo: '9999999999',
  asset: 'missing.js',
  favorite_list: `fl_${'Z'.repeat(30)}`,
  comment: `pc_${'Z'.repeat(30)}`,
  share_link: `sl_${'Z'.repeat(30)}`,
  account: `ac_${'Z'.repeat(30)}`,
  user: `us_${'Z'.repeat(30)}`,
  invitation: `iv_${'Z'.repeat(30)}`,
  passkey: `pk_${'Z'.repeat(30)}`,
};

const ASSETS = ['app.css', ...[...SCRIPTS.keys()].sort()];

/** The table whose `id` column a resource's references pick from. */
const TABLES = {
  client: 'clients',
  notification: 'notifications',
  collection: 'collections',
  gallery: 'galleries',
  photo: 'photos',
  login: 'logins',
  favorite_list: 'favorite_lists',
  comment: 'photo_comments',
  share_link: 'share_links',
  account: 'accounts',
  user: 'users',
  invitation: 'invitations',
  passkey: 'passkeys',
} as const satisfies Record<Exclude<Resource, 'asset'>, keyof Database>;

/** The `index`-th (modulo their number) live ID of `resource`, in a fixed order that replays. */
export async function liveId(
  db: Kysely<Database>,
  resource: Resource,
  index: number,
): Promise<string> {
  const ids =
    resource === 'asset'
      ? ASSETS
      : (await db.selectFrom(TABLES[resource]).select('id').orderBy('id').execute()).map((r) =>
          String(r.id),
        );
  return ids[index % Math.max(1, ids.length)] ?? ABSENT_IDS[resource];
}
