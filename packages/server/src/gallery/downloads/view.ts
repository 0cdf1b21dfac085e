import type { DownloadEvent, MediaDownloads } from '@proofsheet/protocol';
import { formatTimestamp } from '../../http/timestamp.js';
import type { DownloadRecord, MediaDownloadCount } from '../../storage/ports/download-store.js';

/** A recorded download as the tracking endpoints show it. */
export function toDownloadEvent(d: DownloadRecord): DownloadEvent {
  return {
    id: d.id,
    subject: d.subject,
    collection_id: d.collectionId,
    gallery_id: d.galleryId,
    photo_id: d.photoId,
    size: d.size,
    filename: d.filename,
    viewer: { key: d.viewerKey, email: d.email },
    ip: d.ip,
    user_agent: d.userAgent,
    range_start: d.rangeStart,
    bytes_expected: d.bytesExpected,
    bytes_sent: d.bytesSent,
    completed: d.completed,
    created_at: formatTimestamp(d.createdAt),
    finished_at: d.finishedAt === null ? null : formatTimestamp(d.finishedAt),
  };
}

/** One photo's (or video's) download count as the tracking endpoints show it. */
export function toMediaDownloads(c: MediaDownloadCount): MediaDownloads {
  return {
    photo_id: c.photoId,
    gallery_id: c.galleryId,
    filename: c.filename,
    download_count: c.downloadCount,
    bytes_sent: c.bytesSent,
    last_downloaded_at: formatTimestamp(c.lastDownloadedAt),
    recent: c.recent.map(toDownloadEvent),
  };
}
