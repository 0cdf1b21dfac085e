import { weakEtagOf } from '../../http/etag.js';
import { LruMap } from '../../storage/lru-map.js';

/** Rendered list pages held, across all accounts (a 25-client page is about 10 kB). */
export const DEFAULT_RENDERED_PAGE_CACHE_SIZE = 256;

/** A page as sent: its JSON body and the ETag the server computes for that body. */
export interface RenderedPage {
  body: string;
  etag: string;
}

interface Entry extends RenderedPage {
  version: string;
}

/**
 * Remembers the JSON and ETag of client pages, so a page whose clients have not changed is
 * neither rebuilt, re-serialized nor re-hashed: that was over half the CPU of a cached GET.
 *
 * An entry is reused only for the same request at the same version of the account's clients,
 * as the client store reports it (every write moves it on, on every instance). A result
 * without a version (a store that cannot tell, or a read that raced a write) is rendered
 * afresh and not kept.
 */
export class RenderedPages {
  private readonly entries: LruMap<string, Entry>;

  constructor(max = DEFAULT_RENDERED_PAGE_CACHE_SIZE) {
    this.entries = new LruMap(max);
  }

  /** The rendering held under `key` for `version`, if any. */
  get(key: string, version: string | undefined): RenderedPage | undefined {
    if (version === undefined) return undefined;
    const entry = this.entries.get(key);
    return entry?.version === version ? entry : undefined;
  }

  /** Renders `value`, and remembers it under `key` when it has a version. */
  render(key: string, version: string | undefined, value: unknown): RenderedPage {
    const body = JSON.stringify(value);
    const page = { body, etag: weakEtagOf(body) };
    if (version !== undefined) this.entries.set(key, { ...page, version });
    return page;
  }
}
