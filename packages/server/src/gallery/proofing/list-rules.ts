/** The rules of making and changing a favorites list, apart from the routes that apply them. */
import type { FavoriteListUpdate } from '@proofsheet/protocol';
import { AppError } from '../../http/app-error.js';
import type { CollectionView } from '../../storage/ports/collection-store.js';
import type { FavoriteListChanges } from '../../storage/ports/favorite-store.js';
import { isStudio } from '../photos/access.js';
import { type Viewer, viewerKey } from '../viewer.js';

const CONTRADICTING = {
  min_selection: ['must not be more than max_selection'],
  max_selection: ['must not be less than min_selection'],
};

/** The 422 of limits that contradict, naming both fields. */
export function contradiction(): AppError {
  return new AppError(
    'validation_failed',
    'min_selection is more than max_selection',
    CONTRADICTING,
  );
}

/**
 * Whose list a new one is: the caller's own, or, for the studio, a gallery client's the
 * collection is shared with (`owner_id`).
 */
export function newListOwner(
  viewer: Viewer,
  collection: CollectionView,
  ownerId: string | undefined,
): string {
  if (ownerId === undefined) return viewerKey(viewer);
  if (!isStudio(viewer)) {
    throw new AppError('forbidden', 'Only the studio makes lists for someone else');
  }
  if (!collection.sharedWith.includes(ownerId)) {
    throw new AppError('validation_failed', 'owner_id is no one this collection is shared with', {
      owner_id: [`${ownerId} is not a gallery client this collection is shared with`],
    });
  }
  return ownerId;
}

export function listChanges(body: FavoriteListUpdate, now: Date): FavoriteListChanges {
  const changes: FavoriteListChanges = { updatedAt: now };
  if (body.name !== undefined) changes.name = body.name;
  if (body.min_selection !== undefined) changes.minSelection = body.min_selection;
  if (body.max_selection !== undefined) changes.maxSelection = body.max_selection;
  if (body.submitted === false) changes.reopen = true;
  return changes;
}
