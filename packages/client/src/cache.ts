/**
 * A GET cache with ETag revalidation. Keys carry the session identity, so that one login never
 * sees another's entries; entries are bounded in number and bytes (least recently used go
 * first); writes drop the entries of the resource they touched. The APIs answer
 * `private, no-cache`, so an entry is always revalidated with `If-None-Match`: the cache
 * saves the body's transfer, never serves a stale one. Identical GETs in flight share one
 * request.
 */

/** A cached response body and its validator. */
export interface CacheEntry {
  etag: string;
  text: string;
  bytes: number;
}

/** Options of {@link ResponseCache}. */
export interface CacheLimits {
  /** @default 500 */
  maxEntries: number;
  /** @default 5 MiB */
  maxBytes: number;
}

/**
 * An LRU map of GET responses.
 *
 * @example
 * const cache = new ResponseCache({ maxEntries: 100, maxBytes: 1 << 20 });
 * cache.set(cacheKey('studio', 'sess', '/api/v1/clients/'), { etag: 'W/"1"', text: '{}', bytes: 2 });
 */
export class ResponseCache {
  readonly #limits: CacheLimits;
  readonly #entries = new Map<string, CacheEntry>();
  readonly #inflight = new Map<string, Promise<unknown>>();
  #bytes = 0;

  constructor(limits: CacheLimits) {
    this.#limits = limits;
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): CacheEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CacheEntry): void {
    this.delete(key);
    if (entry.bytes > this.#limits.maxBytes) return;
    this.#entries.set(key, entry);
    this.#bytes += entry.bytes;
    for (const [oldest, old] of this.#entries) {
      if (this.#entries.size <= this.#limits.maxEntries && this.#bytes <= this.#limits.maxBytes) {
        break;
      }
      this.#entries.delete(oldest);
      this.#bytes -= old.bytes;
    }
  }

  delete(key: string): void {
    const old = this.#entries.get(key);
    if (!old) return;
    this.#entries.delete(key);
    this.#bytes -= old.bytes;
  }

  /** Drops every entry of `api` whose path starts with `pathPrefix` (all sessions). */
  invalidate(api: string, pathPrefix: string): void {
    for (const key of [...this.#entries.keys()]) {
      const parts = splitKey(key);
      if (parts.api === api && parts.path.startsWith(pathPrefix)) this.delete(key);
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** Runs `fn` once for concurrent callers of the same key; all get its result. */
  shared<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const running = this.#inflight.get(key);
    if (running) return running as Promise<T>;
    const promise = fn().finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, promise);
    return promise;
  }
}

/**
 * The cache key of a GET: API, session identity and path with query.
 *
 * @example
 * cacheKey('studio', 'abc', '/api/v1/clients/?page=2'); // 'studio\u0000abc\u0000/api/v1/clients/?page=2'
 */
export function cacheKey(api: string, identity: string, path: string): string {
  return `${api}\u0000${identity}\u0000${path}`;
}

function splitKey(key: string): { api: string; path: string } {
  const [api = '', , path = ''] = key.split('\u0000');
  return { api, path };
}

/**
 * The part of a path a write invalidates: the resource collection it belongs to, so that
 * `PUT /api/v1/clients/cl_1` drops the client, the lists and the searches.
 *
 * @example
 * resourcePrefix('/api/v1/collections/12345678/galleries/123456789'); // '/api/v1/collections'
 */
export function resourcePrefix(path: string): string {
  const clean = path.split('?')[0] ?? path;
  const segments = clean.split('/').filter((s) => s !== '');
  return `/${segments.slice(0, 3).join('/')}`;
}
