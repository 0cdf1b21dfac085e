/**
 * Walks every page of a list: `for await (const client of paginator)` yields items,
 * `paginator.pages()` yields whole pages (with their `meta`, for progress), `.all()` collects.
 */
import type { PageMeta } from '@proofsheet/protocol';

/** A page as the list endpoints answer it. */
export interface PageOf<T> {
  data: T[];
  meta: PageMeta;
}

/** Fetches page `page` (from 1). */
export type FetchPage<T> = (page: number) => Promise<PageOf<T>>;

/**
 * An async iterable over every item of a paged list, fetching pages one at a time as the loop
 * asks for them.
 *
 * @example
 * for await (const c of client.studio.clients.iterate({ types: ['lead'] })) console.log(c.first_name);
 * const everyone = await client.studio.clients.iterate().all();
 */
export class Paginator<T> implements AsyncIterable<T> {
  readonly #fetchPage: FetchPage<T>;
  readonly #maxPages: number;

  /** @param maxPages Stops after this many pages, a guard against a server that never ends. */
  constructor(fetchPage: FetchPage<T>, maxPages = 100_000) {
    this.#fetchPage = fetchPage;
    this.#maxPages = maxPages;
  }

  /** Yields each page in turn. */
  async *pages(): AsyncGenerator<PageOf<T>, void, undefined> {
    for (let page = 1; page <= this.#maxPages; page++) {
      const result = await this.#fetchPage(page);
      yield result;
      if (result.data.length === 0 || result.meta.current_page >= result.meta.last_page) return;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Every item of every page, in order. */
  async all(): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this) out.push(item);
    return out;
  }
}

/**
 * Makes a {@link Paginator}.
 *
 * @example
 * const items = await paginate((page) => fetchPage(page)).all();
 */
export function paginate<T>(fetchPage: FetchPage<T>, maxPages?: number): Paginator<T> {
  return new Paginator(fetchPage, maxPages);
}
