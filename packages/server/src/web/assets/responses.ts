// The shapes of the answers the pages read, built from the protocol's types. Types only: this
// module compiles to nothing the pages load.
import type { PageMeta } from '@proofsheet/protocol';

/** `{data: T}`, the envelope of a single resource. */
export interface Envelope<T> {
  data: T;
}

/** `{data: T[], meta}`, a page of a paged list. */
export interface Page<T> {
  data: T[];
  meta: PageMeta;
}
