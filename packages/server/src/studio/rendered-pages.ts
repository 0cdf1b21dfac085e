import { weakEtagOf } from '../http/etag.js';
import { LruMap } from '../storage/lru-map.js';
import type { ClientRecord } from '../storage/ports.js';

/** Rendered list pages held, across all accounts (a 25-client page is about 10 kB). */
export const DEFAULT_RENDERED_PAGE_CACHE_SIZE = 256;

/** A page as sent: its JSON body and the ETag the server computes for that body. */
export interface RenderedPage {
  body: string;
  etag: string;
}

interface Entry extends RenderedPage {
  items: readonly ClientRecord[];
  total: number;
}

/**
 * Remembers the JSON and ETag of client pages, so a page the client cache hands out again is
 * neither rebuilt, re-serialized nor re-hashed: that was over half the CPU of a cached GET.
 *
 * An entry is reused only if the store returned the very same record objects (and total) as
 * when it was rendered. Records are never changed in place (an update makes a new one), so
 * identical objects mean identical content; any write to the account makes the client cache
 * return new objects, which renders afresh. A store that built new records on every query
 * would never hit; the SQL storage puts the client cache in front of both databases.
 */
export class RenderedPages {
  private readonly entries: LruMap<string, Entry>;

  constructor(max = DEFAULT_RENDERED_PAGE_CACHE_SIZE) {
    this.entries = new LruMap(max);
  }

  /** The rendering of exactly these records under `key`, if it is held. */
  get(key: string, items: readonly ClientRecord[], total: number): RenderedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.total !== total || entry.items.length !== items.length) return undefined;
    for (let i = 0; i < items.length; i++) {
      if (entry.items[i] !== items[i]) return undefined;
    }
    return entry;
  }

  /** Renders `value` for these records and remembers it under `key`. */
  render(key: string, items: readonly ClientRecord[], total: number, value: unknown): RenderedPage {
    const body = JSON.stringify(value);
    const entry: Entry = { items: [...items], total, body, etag: weakEtagOf(body) };
    this.entries.set(key, entry);
    return entry;
  }
}
