import { type Static, Type } from '@sinclair/typebox';
import { Closed } from './closed.js';
import { withExamples } from './examples.js';

/** `POST /api/v1/notifications/read_all`: how many were marked read. */
export const MarkedCount = withExamples(
  Closed({ data: Closed({ marked: Type.Integer({ minimum: 0 }) }) }),
  [{ data: { marked: 3 } }],
);
export type MarkedCount = Static<typeof MarkedCount>;

/** `POST /logout` as JSON: the session has ended. */
export const SignedOut = withExamples(
  Closed({ data: Closed({ signed_out: Type.Literal(true) }) }),
  [{ data: { signed_out: true } }],
);
export type SignedOut = Static<typeof SignedOut>;
