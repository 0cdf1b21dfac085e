import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Closed } from './closed.js';
import { examplesOf, withExamples } from './examples.js';

/** The largest page a list endpoint returns. */
export const MAX_PER_PAGE = 100;
/** The page size when the request does not name one. */
export const DEFAULT_PER_PAGE = 25;

/** The deepest offset a list may be read from. */
export const MAX_OFFSET = 100_000_000;

const Size = Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE }));

/**
 * The paging parameters every list takes, with the documented aliases: `page` with `per_page`
 * (or `page_size`), or `offset` with `limit` (the Gallery API's style).
 */
export const PAGE_PARAMS = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  per_page: Size,
  page_size: Size,
  limit: Size,
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OFFSET })),
};

/** Query of a list that takes only paging parameters. */
export const PageQuery = Closed(PAGE_PARAMS);
export type PageQuery = Static<typeof PageQuery>;

/** What a list request asks for: where to start and how many. */
export interface PageWindow {
  offset: number;
  limit: number;
  /** Whether the request gave `offset` (so links use it too) rather than `page`. */
  byOffset: boolean;
}

/**
 * The window a list query asks for, or the problems with it (`{param: [message]}`): the size
 * may be given by one of the aliases (or several that agree), the position by `page` or by
 * `offset`, not both.
 *
 * @example
 * pageWindow({ page: 3, page_size: 10 }); // { offset: 20, limit: 10, byOffset: false }
 */
export function pageWindow(
  query: Readonly<Record<string, unknown>>,
  defaultSize = DEFAULT_PER_PAGE,
): PageWindow | Record<string, string[]> {
  const sizes = (['per_page', 'page_size', 'pageSize', 'limit'] as const).filter(
    (k) => typeof query[k] === 'number',
  );
  const values = new Set(sizes.map((k) => query[k]));
  if (values.size > 1) {
    return Object.fromEntries(
      sizes.map((k) => [k, [`disagrees with ${sizes.filter((o) => o !== k).join(', ')}`]]),
    );
  }
  const limit = (sizes[0] ? (query[sizes[0]] as number) : undefined) ?? defaultSize;
  const page = typeof query.page === 'number' ? query.page : undefined;
  const offset = typeof query.offset === 'number' ? query.offset : undefined;
  if (page !== undefined && offset !== undefined) {
    return { offset: ['give page or offset, not both'] };
  }
  if (offset !== undefined) return { offset, limit, byOffset: true };
  return { offset: ((page ?? 1) - 1) * limit, limit, byOffset: false };
}

/** Whether {@link pageWindow} found problems rather than a window. */
export function isPageWindow(value: PageWindow | Record<string, string[]>): value is PageWindow {
  return typeof value.limit === 'number' && typeof value.offset === 'number';
}

/** Links to the first, previous, next and last pages, relative to the API's base URL. */
export const PageLinks = Closed({
  first: Type.String(),
  prev: Type.Union([Type.String(), Type.Null()]),
  next: Type.Union([Type.String(), Type.Null()]),
  last: Type.String(),
});
export type PageLinks = Static<typeof PageLinks>;

/**
 * Pagination metadata, as in the reference docs, plus `total_pages` (the Gallery API's name
 * for `last_page`) and `links`. `from` and `to` are null on an empty page.
 */
export const PageMeta = Closed({
  current_page: Type.Integer(),
  from: Type.Union([Type.Integer(), Type.Null()]),
  last_page: Type.Integer(),
  per_page: Type.Integer(),
  to: Type.Union([Type.Integer(), Type.Null()]),
  total: Type.Integer(),
  total_pages: Type.Integer(),
  links: PageLinks,
});
export type PageMeta = Static<typeof PageMeta>;

/**
 * The links of a page: `path` with the request's own parameters (`search`), its position
 * replaced, in the style the request used (`page` or `offset`).
 *
 * @example
 * pageLinks('/api/v1/clients/', 'types=lead&page=2', { offset: 25, limit: 25, byOffset: false }, 60);
 * // { first: '/api/v1/clients/?types=lead&page=1', prev: '…page=1', next: '…page=3', last: '…page=3' }
 */
export function pageLinks(
  path: string,
  search: string,
  window: PageWindow,
  total: number,
): PageLinks {
  const lastPage = Math.max(1, Math.ceil(total / window.limit));
  const current = Math.floor(window.offset / window.limit) + 1;
  const at = (page: number, offset = (page - 1) * window.limit) => {
    const params = new URLSearchParams(search);
    params.delete('page');
    params.delete('offset');
    if (window.byOffset) params.set('offset', String(offset));
    else params.set('page', String(page));
    return `${path}?${params.toString()}`;
  };
  const prevOffset = Math.max(0, window.offset - window.limit);
  return {
    first: at(1),
    prev: window.offset > 0 ? at(Math.max(1, current - 1), prevOffset) : null,
    next:
      window.offset + window.limit < total ? at(current + 1, window.offset + window.limit) : null,
    last: at(lastPage),
  };
}

/**
 * Computes the metadata of a page of `count` items out of `total`.
 *
 * @example
 * pageMeta({ offset: 50, limit: 50, byOffset: false }, 234, 50, links);
 * // { current_page: 2, from: 51, last_page: 5, per_page: 50, to: 100, total: 234, total_pages: 5, links }
 */
export function pageMeta(
  window: PageWindow,
  total: number,
  count: number,
  links: PageLinks,
): PageMeta {
  const lastPage = Math.max(1, Math.ceil(total / window.limit));
  return {
    current_page: Math.floor(window.offset / window.limit) + 1,
    from: count > 0 ? window.offset + 1 : null,
    last_page: lastPage,
    per_page: window.limit,
    to: count > 0 ? window.offset + count : null,
    total,
    total_pages: lastPage,
    links,
  };
}

/**
 * A `{data: T[], meta}` page of items. Given the list's path, and an item with examples, the
 * page has an example too: the item's examples, on one page whose links name that path.
 *
 * @example
 * Page(Collection, '/api/v1/collections');
 */
export function Page<T extends TSchema>(item: T, examplePath?: string) {
  const schema = Closed({ data: Type.Array(item), meta: PageMeta });
  const items = examplesOf(item);
  if (examplePath === undefined || items.length === 0) return schema;
  const window: PageWindow = { offset: 0, limit: DEFAULT_PER_PAGE, byOffset: false };
  const links = pageLinks(examplePath, '', window, items.length);
  const meta = pageMeta(window, items.length, items.length, links);
  // TypeScript cannot reduce Static<> of a generic object: the shape is `{ data, meta }`.
  const examples = [{ data: items, meta }] as unknown as Static<typeof schema>[];
  return withExamples(schema, examples);
}

/** A `{data: T}` envelope; it has an example for each of the item's. */
export function Envelope<T extends TSchema>(item: T) {
  const schema = Closed({ data: item });
  const items = examplesOf(item);
  if (items.length === 0) return schema;
  // TypeScript cannot reduce Static<> of a generic object: the shape is `{ data }` all the same.
  const examples = items.map((data) => ({ data })) as unknown as Static<typeof schema>[];
  return withExamples(schema, examples);
}
