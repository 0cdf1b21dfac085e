import { type Static, Type } from '@sinclair/typebox';
import { Closed } from './closed.js';

/** `POST /api/v1/notifications/read_all`: how many were marked read. */
export const MarkedCount = Closed({ data: Closed({ marked: Type.Integer({ minimum: 0 }) }) });
export type MarkedCount = Static<typeof MarkedCount>;

/** `POST /logout` as JSON: the session has ended. */
export const SignedOut = Closed({ data: Closed({ signed_out: Type.Literal(true) }) });
export type SignedOut = Static<typeof SignedOut>;
