import { Type } from '@sinclair/typebox';
import { MAX_PARAM_LENGTH } from '../../http/path-params.js';

/*
 * Path parameters of the proofing routes, plain strings as everywhere: the handlers check their
 * format, so that a malformed ID gets a 400 naming the format.
 */

const Param = Type.String({ maxLength: MAX_PARAM_LENGTH });
const closed = { additionalProperties: false } as const;

/** `/photos/:photoId/…`. */
export const PhotoIdParams = Type.Object({ photoId: Param }, closed);
/** `/favorite_lists/:listId…`. */
export const FavoriteListParams = Type.Object({ listId: Param }, closed);
/** `/comments/:commentId`. */
export const CommentParams = Type.Object({ commentId: Param }, closed);
