import { Type } from '@sinclair/typebox';

/*
 * Path parameters as plain strings: their format is checked in the handler, so that a
 * malformed ID gets a 400 that names the format rather than a generic validation error.
 * The router refuses parameters over MAX_PARAM_LENGTH with 414 before these run.
 */

/** The longest path parameter the router matches. */
export const MAX_PARAM_LENGTH = 100;

const Param = Type.String({ maxLength: MAX_PARAM_LENGTH });
const closed = { additionalProperties: false } as const;

/** `/…/:id`. */
export const IdParams = Type.Object({ id: Param }, closed);
/** `/collections/:id/galleries/:galleryId`. */
export const CollectionGalleryParams = Type.Object({ id: Param, galleryId: Param }, closed);
/** `/galleries/:galleryId/…`. */
export const GalleryParams = Type.Object({ galleryId: Param }, closed);
/** `/members/:userId`. */
export const UserParams = Type.Object({ userId: Param }, closed);
/** `/photos/:photoId`. */
export const PhotoParams = Type.Object({ photoId: Param }, closed);
