import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CreatedShareLink,
  Envelope,
  newId,
  Page,
  PageQuery,
  PhotoSharingLink,
  ShareLink,
  ShareLinkCreate,
} from '@proofsheet/protocol';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { hashSecret, newSecret } from '../../auth/tokens.js';
import { AppError } from '../../http/app-error.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { requireId } from '../../http/path-ids.js';
import { IdParams, MAX_PARAM_LENGTH } from '../../http/path-params.js';
import { publicBase } from '../../http/public-base.js';
import { NoContent, responses } from '../../http/responses.js';
import { STAFF } from '../../http/role-sets.js';
import type { ShareLinkRecord } from '../../storage/ports/share-link-store.js';
import { visibleCollection } from '../collection-access.js';
import { viewerOf } from '../viewer.js';
import { requestedExpiry, requireOneLimit } from './link-request.js';
import { toPhotoSharingLink, toShareLink } from './view.js';

/** The stores share-link routes use. */
export type ShareLinkStores = 'accounts' | 'collections' | 'galleries' | 'photos' | 'shareLinks';

/** Where a link's visitors enter: the Gallery API's page for the token. */
export const SHARE_PATH = '/s';

const LinkParams = Type.Object(
  { linkId: Type.String({ maxLength: MAX_PARAM_LENGTH }) },
  { additionalProperties: false },
);

/** Draws before giving up: two collisions of 256-bit tokens or 178-bit ids mean a bug. */
const ATTEMPTS = 3;

function linkNotFound(id: string): AppError {
  return new AppError('not_found', `No share link found with ID: ${id}`);
}

/**
 * Share links: the studio creates them (optionally with an expiry, a password, a download
 * allowance, some galleries or one photo), lists them, and revokes them, which ends every
 * visitor's access at their next request.
 */
export async function shareLinkRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<ShareLinkStores>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const links = ctx.storage.shareLinks;
  const tags = ['Sharing'];

  /** The galleries and photo a body names, each checked to be of the collection. */
  async function requireLimits(accountId: string, collectionId: number, body: ShareLinkCreate) {
    requireOneLimit(body);
    if (body.gallery_ids !== undefined) {
      const own = new Set(
        (await ctx.storage.galleries.listForCollection(accountId, collectionId)).map((g) => g.id),
      );
      const foreign = body.gallery_ids.filter((id) => !own.has(id));
      if (foreign.length > 0) {
        throw new AppError('validation_failed', 'gallery_ids must be galleries of the collection', {
          gallery_ids: foreign.map((id) => `${id} is not a gallery of this collection`),
        });
      }
    }
    if (body.photo_id !== undefined) {
      const photo = await ctx.storage.photos.findInAccount(accountId, body.photo_id);
      if (!photo || photo.collectionId !== collectionId) {
        throw new AppError('validation_failed', 'photo_id must be a photo of the collection', {
          photo_id: [`${body.photo_id} is not a photo of this collection`],
        });
      }
    }
  }

  app.post(
    '/collections/:id/share_links',
    {
      schema: {
        operationId: 'createShareLink',
        summary: 'Create a share link to a collection, some of its galleries, or one photo',
        description:
          'Staff only. Answers the link with its `url`, shown this once: only a hash of its secret is kept. A visitor opens the URL in a browser, leaves an email (and the passwords, if the link or the collection has one) and then sees what the link allows, until it expires, the collection expires, or the link is revoked.',
        tags,
        params: IdParams,
        body: ShareLinkCreate,
        response: responses({ 201: Envelope(CreatedShareLink) }, { body: true, found: true }),
      },
      config: { roles: STAFF },
    },
    async (request, reply) => {
      const viewer = await viewerOf(ctx, signedIn(request));
      const collection = await visibleCollection(ctx, viewer, request.params.id);
      const body = request.body;
      const now = ctx.clock.now();
      const expiresAt = requestedExpiry(body, now);
      await requireLimits(viewer.accountId, collection.id, body);
      const passwordHash = body.password ? await ctx.passwords.hash(body.password) : null;
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const token = newSecret(ctx.random);
        const link: ShareLinkRecord = {
          id: newId('shareLink', (n) => ctx.random.bytes(n)),
          accountId: viewer.accountId,
          collectionId: collection.id,
          // Store only a hash of the token: a leaked table opens no link.
          tokenHash: hashSecret(token),
          passwordHash,
          downloads: body.downloads ?? 'none',
          galleryIds: body.gallery_ids ?? null,
          photoId: body.photo_id ?? null,
          expiresAt,
          visits: 0,
          lastVisitedAt: null,
          createdBy: viewer.userId,
          createdAt: now,
        };
        if (await links.create(link)) {
          const url = `${publicBase(ctx.config.publicGalleryUrl, request)}${SHARE_PATH}/${token}`;
          return reply.code(201).send({ data: { ...toShareLink(link), url } });
        }
      }
      throw new Error(`Could not draw a free share link in ${ATTEMPTS} attempts`);
    },
  );

  async function pageOf(request: FastifyRequest, rawId: string, photoLinks?: boolean) {
    const viewer = await viewerOf(ctx, signedIn(request));
    const collection = await visibleCollection(ctx, viewer, rawId);
    const window = requestedWindow(request);
    const page = await links.listForCollection(viewer.accountId, collection.id, {
      offset: window.offset,
      limit: window.limit,
      ...(photoLinks !== undefined ? { photoLinks } : {}),
    });
    return { viewer, window, page };
  }

  app.get(
    '/collections/:id/share_links',
    {
      schema: {
        operationId: 'listShareLinks',
        summary: 'List the share links of a collection, newest first',
        description: 'Staff only. Their URLs are not shown again.',
        tags,
        params: IdParams,
        querystring: PageQuery,
        response: responses(
          { 200: Page(ShareLink, '/api/v1/collections/48213907/share_links') },
          { found: true },
        ),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const { window, page } = await pageOf(request, request.params.id);
      return {
        data: page.items.map(toShareLink),
        meta: listMeta(request, window, page.total, page.items.length),
      };
    },
  );

  app.get(
    '/collections/:id/photo_sharing_links',
    {
      schema: {
        operationId: 'listPhotoSharingLinks',
        summary: 'List the single-photo share links of a collection, with their use',
        description:
          'Staff only. Each link with its photo, expiry, download allowance, visits and how many different visitors came through it.',
        tags,
        params: IdParams,
        querystring: PageQuery,
        response: responses(
          { 200: Page(PhotoSharingLink, '/api/v1/collections/48213907/photo_sharing_links') },
          { found: true },
        ),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const { viewer, window, page } = await pageOf(request, request.params.id, true);
      const now = ctx.clock.now();
      const data = await Promise.all(
        page.items.flatMap(({ photoId, ...link }) =>
          // The store was asked for single-photo links alone: each has its photo's id.
          photoId === null
            ? []
            : [
                ctx.storage.photos
                  .findInAccount(viewer.accountId, photoId)
                  .then((photo) => toPhotoSharingLink({ ...link, photoId }, photo, now)),
              ],
        ),
      );
      return { data, meta: listMeta(request, window, page.total, page.items.length) };
    },
  );

  app.delete(
    '/share_links/:linkId',
    {
      schema: {
        operationId: 'revokeShareLink',
        summary: 'Revoke a share link',
        description:
          "Staff only. Its visitors' sessions end with it: their next request, an image's included, is refused on every instance.",
        tags,
        params: LinkParams,
        response: responses({ 204: NoContent }, { found: true }),
      },
      config: { roles: STAFF },
    },
    async (request, reply) => {
      const { accountId } = signedIn(request).login;
      const id = requireId('shareLink', request.params.linkId);
      if (!(await links.delete(accountId, id))) throw linkNotFound(id);
      request.log.info({ linkId: id }, 'share link revoked');
      return reply.code(204).send();
    },
  );
}
