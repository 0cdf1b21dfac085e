import { type Static, Type } from '@sinclair/typebox';

/**
 * The sizes a photo is downloaded in, as photographers offer them: `original` (the file as
 * uploaded), `high` (the 2560-pixel JPEG, the `large` size) and `web` (the 1600-pixel JPEG, the
 * `preview` size), largest first. A video has no smaller sizes: it is downloaded as its
 * original, when `original` is offered.
 */
export const DOWNLOAD_SIZES = ['original', 'high', 'web'] as const;

/** One of {@link DOWNLOAD_SIZES}. */
export const DownloadSize = Type.Union(DOWNLOAD_SIZES.map((s) => Type.Literal(s)));
export type DownloadSize = Static<typeof DownloadSize>;

/** Which photo size (`PHOTO_SIZES`) each smaller download size is made from. */
export const DOWNLOAD_DERIVATIVES = { high: 'large', web: 'preview' } as const;

/** The sizes a collection offers: a set, read back in {@link DOWNLOAD_SIZES} order. */
export const DownloadSizes = Type.Array(DownloadSize, {
  maxItems: DOWNLOAD_SIZES.length,
  uniqueItems: true,
});

/** A collection's download PIN: 4 to 8 digits. The API takes it and never returns it. */
export const DOWNLOAD_PIN_PATTERN = '^[0-9]{4,8}$';

/** A download PIN as a request carries it. */
export const DownloadPin = Type.String({
  pattern: DOWNLOAD_PIN_PATTERN,
  minLength: 4,
  maxLength: 8,
});
