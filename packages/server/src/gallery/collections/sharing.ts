import type { ResourceContext } from '../../app-context.js';
import { AppError } from '../../http/app-error.js';
import type { CollectionView } from '../../storage/ports/collection-store.js';
import { notify } from '../../studio/notifications/notify.js';

/**
 * Turns `shared_with` emails into user ids. Every email must be a gallery client of the same
 * account: sharing with anyone else would hand a collection to someone who cannot sign in to
 * it, or leak it to another studio.
 */
export async function resolveSharedWith(
  ctx: Pick<ResourceContext<'users'>, 'storage'>,
  accountId: string,
  emails: readonly string[],
): Promise<string[]> {
  if (emails.length === 0) return [];
  const found = await ctx.storage.users.findByEmails(accountId, emails);
  const byEmail = new Map(
    found.filter((u) => u.role === 'gallery_client').map((u) => [u.email.toLowerCase(), u.id]),
  );
  const unknown = emails.filter((e) => !byEmail.has(e.toLowerCase()));
  if (unknown.length > 0) {
    throw new AppError(
      'validation_failed',
      'shared_with may list only gallery clients of this studio',
      { shared_with: unknown.map((e) => `${e} is not a gallery client of this studio`) },
    );
  }
  const ids = emails.flatMap((e) => byEmail.get(e.toLowerCase()) ?? []);
  return [...new Set(ids)];
}

/** Notifies the studio once for each user the collection is newly shared with. */
export async function notifyNewShares(
  ctx: Pick<ResourceContext<'notifications'>, 'storage' | 'clock' | 'random'>,
  collection: CollectionView,
  previouslySharedWith: readonly string[],
): Promise<void> {
  const before = new Set(previouslySharedWith);
  for (const [i, userId] of collection.sharedWith.entries()) {
    if (before.has(userId)) continue;
    const email = collection.sharedWithEmails[i] ?? userId;
    await notify(ctx, collection.accountId, {
      type: 'collection_shared',
      title: 'Collection shared',
      message: `"${collection.name}" was shared with ${email}.`,
      subject: { collection_id: collection.id, user_id: userId },
    });
  }
}
