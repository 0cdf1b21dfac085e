import { createHash } from 'node:crypto';
import { DOWNLOAD_DERIVATIVES, type DownloadSize, type MediaKind } from '@proofsheet/protocol';
import type { GalleryRecord } from '../../storage/ports/gallery-store.js';
import type { PhotoRecord, PhotoStore } from '../../storage/ports/photo-store.js';
import { safeSegment, sizedName, UniqueNames } from './file-names.js';
import { type DownloadPolicy, itemSize } from './policy.js';
import type { ZipMember } from './zip-stream.js';

/** A file of a gallery or collection archive: which blob, under which path. */
export interface ArchiveMember extends ZipMember {
  photoId: number;
  kind: MediaKind;
  /** The blob's key: the original's, or the JPEG derivative's for a smaller size. */
  sha256: string;
}

/** A gallery going into an archive: in a folder of its own (a collection's) or at the top. */
export interface ArchiveGallery {
  gallery: GalleryRecord;
  folder: string | null;
  policy: DownloadPolicy;
}

/** Photos read per query while listing an archive's members. */
const PAGE = 1000;

/** The blob and name of a photo in a size; `null` when it has no such size (not rendered). */
export function downloadFile(
  photo: PhotoRecord,
  size: DownloadSize,
): { sha256: string; size: number; name: string } | null {
  if (size === 'original') return { sha256: photo.sha256, size: photo.size, name: photo.filename };
  const derivative = photo.derivatives.find(
    (d) => d.size === DOWNLOAD_DERIVATIVES[size] && d.format === 'jpeg',
  );
  if (!derivative) return null;
  return {
    sha256: derivative.sha256,
    size: derivative.bytes,
    name: sizedName(photo.filename, size),
  };
}

/**
 * The members of an archive of `galleries` in `size`: the ready photos that are not hidden,
 * in the studio's order, each gallery's in its folder; videos as their originals where the
 * policy offers originals. Names are made safe and unique per folder, folders unique too. Each
 * member's time is its photo's upload time, so the same photos give the same bytes.
 */
export async function archiveMembers(
  photos: Pick<PhotoStore, 'listForGallery'>,
  accountId: string,
  galleries: readonly ArchiveGallery[],
  size: DownloadSize,
): Promise<ArchiveMember[]> {
  const members: ArchiveMember[] = [];
  const folders = new UniqueNames();
  for (const { gallery, folder, policy } of galleries) {
    const prefix =
      folder === null ? '' : `${folders.take(safeSegment(folder, `Gallery ${gallery.id}`))}/`;
    const names = new UniqueNames();
    for (let offset = 0; ; offset += PAGE) {
      const { items } = await photos.listForGallery(accountId, gallery.id, {
        offset,
        limit: PAGE,
        order: 'position',
        visibleOnly: true,
      });
      for (const photo of items) {
        const chosen = itemSize(policy, photo.kind, size);
        const file = chosen === null ? null : downloadFile(photo, chosen);
        if (!file) continue;
        const name = names.take(safeSegment(file.name, `photo-${photo.id}`));
        members.push({
          path: `${prefix}${name}`,
          size: file.size,
          mtime: photo.createdAt,
          photoId: photo.id,
          kind: photo.kind,
          sha256: file.sha256,
        });
      }
      if (items.length < PAGE) break;
    }
  }
  return members;
}

/**
 * The strong ETag of an archive: a digest of everything its bytes follow from (each member's
 * path, blob, size and time as yazl writes it: DOS times are local, so the process's offset
 * from UTC counts), so equal ETags promise equal bytes and a `Range` resume may trust it.
 */
export function archiveEtag(members: readonly ArchiveMember[], forceZip64: boolean): string {
  const hash = createHash('sha256').update(`proofsheet-zip-v1:${forceZip64 ? 64 : 32}\n`);
  for (const m of members) {
    const seconds = Math.floor(m.mtime.getTime() / 1000);
    hash.update(`${m.path}\0${m.sha256}\0${m.size}\0${seconds}\0${m.mtime.getTimezoneOffset()}\n`);
  }
  return `"${hash.digest('base64url').slice(0, 32)}"`;
}
