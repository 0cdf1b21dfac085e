import { Type } from '@sinclair/typebox';

/*
 * The Gallery API's numeric IDs, in a file of their own so that collection and photo schemas
 * can each name the other's without importing each other.
 */

/** A collection ID: a number of 8 digits. */
export const CollectionId = Type.Integer({ minimum: 10_000_000, maximum: 99_999_999 });
/** A gallery ID: a number of 9 digits. */
export const GalleryId = Type.Integer({ minimum: 100_000_000, maximum: 999_999_999 });
/** A photo (or video) ID: a number of 10 digits. */
export const PhotoId = Type.Integer({ minimum: 1_000_000_000, maximum: 9_999_999_999 });
