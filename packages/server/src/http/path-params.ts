import { Type } from '@sinclair/typebox';

/*
 * Path parameters as plain strings: their format is checked in the handler, so that a
 * malformed ID gets a 400 that names the format rather than a generic validation error.
 */

/** `/…/:id`. */
export const IdParams = Type.Object({ id: Type.String() });
/** `/collections/:id/galleries/:galleryId`. */
export const CollectionGalleryParams = Type.Object({ id: Type.String(), galleryId: Type.String() });
/** `/galleries/:galleryId/…`. */
export const GalleryParams = Type.Object({ galleryId: Type.String() });
