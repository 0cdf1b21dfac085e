import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from './schema.js';

/**
 * Whether a photo row is counted for a reader: for the studio every photo that has not failed
 * (one still processing is on its way); for a gallery client or visitor (`visibleOnly`) only
 * what they may see, ready and not hidden. The one home of the rule, for every count.
 */
export function countedPhoto(
  eb: ExpressionBuilder<Database, 'photos'>,
  visibleOnly: boolean,
): Expression<SqlBool> {
  return visibleOnly
    ? eb.and([eb('photos.status', '=', 'ready'), eb('photos.hidden', '=', 0)])
    : eb('photos.status', '!=', 'failed');
}
