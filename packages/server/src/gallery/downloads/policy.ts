import { DOWNLOAD_SIZES, type DownloadSize, type MediaKind } from '@proofsheet/protocol';
import { AppError } from '../../http/app-error.js';
import type { CollectionView } from '../../storage/ports/collection-store.js';
import type { GalleryRecord } from '../../storage/ports/gallery-store.js';
import { isStudio } from '../photos/access.js';
import type { Viewer } from '../viewer.js';

/**
 * What a viewer may download by who they are, before any collection's settings: the one place
 * that looks at the kind of viewer, so a new kind (a share-link visitor, whose link may forbid
 * downloads) is one more case here rather than a role check in every route.
 */
export interface DownloadCapability {
  /** The collection's settings do not bind them (the studio): every size, never a PIN. */
  unrestricted: boolean;
  /** How they came in allows downloads at all. */
  permitted: boolean;
  /** The largest size how they came in allows (a share link's setting); absent: any. */
  largest?: DownloadSize;
}

/**
 * The capability of a viewer: the studio is unrestricted; a gallery client follows the
 * settings; a share-link visitor too, and no more than their link allows.
 */
export function downloadCapability(viewer: Viewer): DownloadCapability {
  const grant = viewer.visitor;
  if (grant) {
    if (grant.downloads === 'none') return { unrestricted: false, permitted: false };
    return { unrestricted: false, permitted: true, largest: grant.downloads };
  }
  return { unrestricted: isStudio(viewer), permitted: true };
}

/** What a viewer may download of one collection (or one gallery of it). */
export interface DownloadPolicy {
  allowed: boolean;
  /** Why not, in words; `null` when allowed. */
  reason: string | null;
  /** The sizes offered, largest first; empty when not allowed. */
  sizes: DownloadSize[];
  /** The collection's download PIN must be given first. */
  pinRequired: boolean;
}

/** The settings the policy reads. */
export type DownloadSettings = Pick<
  CollectionView,
  'downloadable' | 'downloadSizes' | 'downloadPinHash'
>;

function refused(reason: string): DownloadPolicy {
  return { allowed: false, reason, sizes: [], pinRequired: false };
}

/**
 * The download rule: the studio may download everything; anyone else what the collection's
 * `downloadable` flag, the gallery's `download` flag and the sizes offered allow, after the
 * download PIN when there is one. Pure: the routes check access (404) before and the PIN grant
 * after.
 */
export function downloadPolicy(
  capability: DownloadCapability,
  collection: DownloadSettings,
  gallery?: Pick<GalleryRecord, 'download'>,
): DownloadPolicy {
  if (capability.unrestricted) {
    return { allowed: true, reason: null, sizes: [...DOWNLOAD_SIZES], pinRequired: false };
  }
  if (!capability.permitted) return refused('Downloads are not allowed for this visit');
  if (!collection.downloadable) return refused('This collection is not downloadable');
  if (gallery && !gallery.download) return refused('This gallery is not downloadable');
  // DOWNLOAD_SIZES is largest first: a link's cap keeps that size and those after it.
  const cap = capability.largest ? DOWNLOAD_SIZES.indexOf(capability.largest) : 0;
  const sizes = DOWNLOAD_SIZES.filter(
    (s, rank) => rank >= cap && collection.downloadSizes.includes(s),
  );
  if (sizes.length === 0) return refused('This collection offers no size for download');
  return { allowed: true, reason: null, sizes, pinRequired: collection.downloadPinHash !== null };
}

/** The 403 of a refused download. */
export function downloadRefused(message: string): AppError {
  return new AppError('download_not_allowed', message);
}

/**
 * The size a download gets: the one asked for if the policy offers it, else the largest
 * offered; a 403 when nothing is allowed, or the size asked for is not offered (a client asking
 * for originals must not quietly get web-size files).
 */
export function chosenSize(
  policy: DownloadPolicy,
  requested: DownloadSize | undefined,
): DownloadSize {
  if (!policy.allowed) throw downloadRefused(policy.reason ?? 'Downloads are not allowed here');
  const size = requested ?? policy.sizes[0];
  if (size === undefined || !policy.sizes.includes(size)) {
    throw downloadRefused(
      `The ${String(size)} size is not offered for download here (offered: ${policy.sizes.join(', ')})`,
    );
  }
  return size;
}

/**
 * The size one item is downloaded in: a photo in the chosen size; a video, which has no smaller
 * sizes, as its original when originals are offered, else `null` (not downloadable).
 */
export function itemSize(
  policy: DownloadPolicy,
  kind: MediaKind,
  size: DownloadSize,
): DownloadSize | null {
  if (kind === 'photo') return size;
  return policy.sizes.includes('original') ? 'original' : null;
}
