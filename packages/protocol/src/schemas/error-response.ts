import { type Static, Type } from '@sinclair/typebox';
import { Closed } from './closed.js';

/** The body of every error response, as a schema: see `ErrorBody` and `ERRORS`. */
export const ErrorResponse = Closed({
  error: Type.String({ description: 'The HTTP reason phrase of the status.' }),
  message: Type.String({ description: 'A sentence saying what failed.' }),
  code: Type.String({ description: 'A stable code from the error table: key on this.' }),
  details: Type.Optional(
    Type.Record(Type.String(), Type.Array(Type.String()), {
      description: 'Per field (dotted path), what is wrong with it.',
    }),
  ),
});
export type ErrorResponse = Static<typeof ErrorResponse>;

/** A field of a successful write that only says it happened. */
export const MarkedCount = Closed({ data: Closed({ marked: Type.Integer() }) });
export type MarkedCount = Static<typeof MarkedCount>;
