/** The Gallery API's resources, typed with the `protocol` schemas. */
import {
  type Bootstrap,
  type Collection,
  type CollectionCreate,
  type CollectionUpdate,
  type Gallery,
  type GalleryCreate,
  type GalleryUpdate,
  PATHS,
  type PageMeta,
} from '@proofsheet/protocol';
import { Paginator } from '../paginate.js';
import type { Requester } from '../request.js';
import { RESPONSE_SCHEMAS as SCHEMAS } from '../response-schemas.js';

/** A page of collections. */
export interface CollectionPage {
  data: Collection[];
  meta: PageMeta;
}

/** A page of the galleries of a collection. */
export interface GalleryPage {
  data: Gallery[];
  meta: PageMeta;
}

/**
 * `client.gallery.collections` and their galleries.
 *
 * @example
 * const c = await client.gallery.collections.create({ name: 'Wedding' });
 * await client.gallery.collections.galleries.create(c.id, { name: 'Ceremony' });
 */
export class CollectionsResource {
  readonly #requester: Requester;
  /** The galleries inside a collection. */
  readonly galleries: GalleriesResource;

  constructor(requester: Requester) {
    this.#requester = requester;
    this.galleries = new GalleriesResource(requester);
  }

  /** @example await collections.list({ page: 1, perPage: 50 }) */
  async list(options: { page?: number; perPage?: number } = {}): Promise<CollectionPage> {
    const query = { page: options.page, per_page: options.perPage };
    return (
      await this.#requester.request<CollectionPage>('gallery', 'GET', PATHS.collections, {
        query,
        schema: SCHEMAS.collectionPage,
      })
    ).data;
  }

  /** Every collection, page by page. @example for await (const c of collections.iterate()) … */
  iterate(options: { perPage?: number } = {}): Paginator<Collection> {
    return new Paginator((page) => this.list({ ...options, page }));
  }

  /** @example await collections.get(12345678) */
  async get(id: number): Promise<Collection> {
    return (
      await this.#requester.request<{ data: Collection }>('gallery', 'GET', itemPath(id), {
        schema: SCHEMAS.collection,
      })
    ).data.data;
  }

  /** @example await collections.create({ name: 'Wedding' }) */
  async create(body: CollectionCreate): Promise<Collection> {
    return (
      await this.#requester.request<{ data: Collection }>('gallery', 'POST', PATHS.collections, {
        body,
        schema: SCHEMAS.collection,
      })
    ).data.data;
  }

  /** @example await collections.update(12345678, { downloadable: false }) */
  async update(id: number, body: CollectionUpdate): Promise<Collection> {
    return (
      await this.#requester.request<{ data: Collection }>('gallery', 'PUT', itemPath(id), {
        body,
        schema: SCHEMAS.collection,
      })
    ).data.data;
  }

  /** @example await collections.delete(12345678) */
  async delete(id: number): Promise<void> {
    await this.#requester.request<undefined>('gallery', 'DELETE', itemPath(id));
  }
}

/**
 * `client.gallery.collections.galleries`.
 *
 * @example
 * const all = await client.gallery.collections.galleries.iterate(12345678).all();
 */
export class GalleriesResource {
  readonly #requester: Requester;

  constructor(requester: Requester) {
    this.#requester = requester;
  }

  /** One page of a collection's galleries. @example await galleries.list(12345678, { page: 2 }) */
  async list(
    collectionId: number,
    options: { page?: number; perPage?: number } = {},
  ): Promise<GalleryPage> {
    const path = `${itemPath(collectionId)}/galleries`;
    const query = { page: options.page, per_page: options.perPage };
    return (
      await this.#requester.request<GalleryPage>('gallery', 'GET', path, {
        query,
        schema: SCHEMAS.galleryPage,
      })
    ).data;
  }

  /**
   * Every gallery of a collection, page by page.
   *
   * @example for await (const g of galleries.iterate(12345678)) …
   */
  iterate(collectionId: number, options: { perPage?: number } = {}): Paginator<Gallery> {
    return new Paginator((page) => this.list(collectionId, { ...options, page }));
  }

  /** @example await galleries.create(12345678, { name: 'Ceremony' }) */
  async create(collectionId: number, body: GalleryCreate): Promise<Gallery> {
    const path = `${itemPath(collectionId)}/galleries`;
    return (
      await this.#requester.request<{ data: Gallery }>('gallery', 'POST', path, {
        body,
        schema: SCHEMAS.gallery,
      })
    ).data.data;
  }

  /** @example await galleries.update(12345678, 123456789, { private: true }) */
  async update(collectionId: number, galleryId: number, body: GalleryUpdate): Promise<Gallery> {
    const path = `${itemPath(collectionId)}/galleries/${galleryId}`;
    return (
      await this.#requester.request<{ data: Gallery }>('gallery', 'PUT', path, {
        body,
        schema: SCHEMAS.gallery,
      })
    ).data.data;
  }

  /** @example await galleries.delete(12345678, 123456789) */
  async delete(collectionId: number, galleryId: number): Promise<void> {
    const path = `${itemPath(collectionId)}/galleries/${galleryId}`;
    await this.#requester.request<undefined>('gallery', 'DELETE', path);
  }
}

function itemPath(id: number): string {
  return `${PATHS.collections}/${encodeURIComponent(String(id))}`;
}

/**
 * The Gallery API.
 *
 * @example
 * const { data } = await client.gallery.bootstrap();
 */
export interface GalleryApi {
  /** `GET /api/v1/data/bootstrap`: account, user, custom URL and workspace settings. */
  bootstrap(): Promise<{ data: Bootstrap }>;
  readonly collections: CollectionsResource;
}
