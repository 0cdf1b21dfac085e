/**
 * The stores the download routes use: in a file of its own, so that the routes of each kind
 * (files, archives, tracking) import it without importing one another.
 */
export type DownloadStores =
  | 'accounts'
  | 'collections'
  | 'galleries'
  | 'photos'
  | 'blobs'
  | 'downloads'
  | 'counters'
  | 'users';
