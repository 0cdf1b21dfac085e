import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Closed } from './closed.js';

/** The largest page a list endpoint returns. */
export const MAX_PER_PAGE = 100;
/** The page size when the request does not name one. */
export const DEFAULT_PER_PAGE = 25;

/** `page` and `per_page` query parameters, 1-indexed. */
export const PageQuery = Closed({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE })),
});
export type PageQuery = Static<typeof PageQuery>;

/** Pagination metadata, as in the reference docs. `from` and `to` are null on an empty page. */
export const PageMeta = Closed({
  current_page: Type.Integer(),
  from: Type.Union([Type.Integer(), Type.Null()]),
  last_page: Type.Integer(),
  per_page: Type.Integer(),
  to: Type.Union([Type.Integer(), Type.Null()]),
  total: Type.Integer(),
});
export type PageMeta = Static<typeof PageMeta>;

/** A `{data: T[], meta}` page of items. */
export function Page<T extends TSchema>(item: T) {
  return Closed({ data: Type.Array(item), meta: PageMeta });
}

/** A `{data: T}` envelope. */
export function Envelope<T extends TSchema>(item: T) {
  return Closed({ data: item });
}

/**
 * Computes the metadata of a page.
 *
 * @example
 * pageMeta(2, 50, 234); // { current_page: 2, from: 51, last_page: 5, per_page: 50, to: 100, total: 234 }
 */
export function pageMeta(page: number, perPage: number, total: number, count?: number): PageMeta {
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const from = (page - 1) * perPage + 1;
  const onPage = count ?? Math.max(0, Math.min(perPage, total - (page - 1) * perPage));
  return {
    current_page: page,
    from: onPage > 0 ? from : null,
    last_page: lastPage,
    per_page: perPage,
    to: onPage > 0 ? from + onPage - 1 : null,
    total,
  };
}
