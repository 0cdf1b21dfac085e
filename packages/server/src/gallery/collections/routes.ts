import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  Collection,
  CollectionCreate,
  CollectionUpdate,
  Envelope,
  PATHS,
  Page,
  PageQuery,
} from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { AppError } from '../../http/app-error.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { requireNumericId } from '../../http/path-ids.js';
import { IdParams } from '../../http/path-params.js';
import { NoContent, responses } from '../../http/responses.js';
import { OWNER, STAFF } from '../../http/role-sets.js';
import { createWithFreshId } from '../../storage/fresh-id.js';
import { serverCollectionDefaults } from '../../storage/ports/collection-defaults-store.js';
import type { CollectionChanges } from '../../storage/ports/collection-store.js';
import { addDays, calendarDate } from '../calendar-date.js';
import { visibleCollection } from '../collection-access.js';
import { releaseBlobs } from '../photos/release-blobs.js';
import { requestViewer, viewerOf } from '../viewer.js';
import { hashDownloadPin } from './download-pin.js';
import {
  notifyNewShares,
  type ResolvedShares,
  resolveShares,
  type ShareInviter,
} from './sharing.js';
import { toCollection } from './view.js';

const One = Envelope(Collection);

/** Route config of the reads a share-link visitor may make too (see auth/plugin.ts). */
export const VISITORS = { visitors: true } as const;

/** Today's date where the account's studio is. */
async function studioDate(
  ctx: Pick<ResourceContext<'accounts'>, 'storage'>,
  accountId: string,
  now: Date,
): Promise<string> {
  const account = await ctx.storage.accounts.findById(accountId);
  return calendarDate(now, account?.timezone ?? 'UTC');
}

/**
 * The changes a `PUT` body asks for: only the fields it names. `passwordHash` is the hash of
 * the body's `password` (null to remove it), made by the caller.
 */
function collectionChanges(
  body: CollectionUpdate,
  resolved: {
    shares: ResolvedShares | undefined;
    passwordHash: string | null | undefined;
  },
  now: Date,
): CollectionChanges {
  const changes: CollectionChanges = { updatedAt: now };
  if (body.name !== undefined) changes.name = body.name;
  if (body.description !== undefined) changes.description = body.description;
  if (resolved.passwordHash !== undefined) changes.passwordHash = resolved.passwordHash;
  if (body.downloadable !== undefined) changes.downloadable = body.downloadable;
  if (body.download_sizes !== undefined) changes.downloadSizes = body.download_sizes;
  if (body.expiry_date !== undefined) changes.expiryDate = body.expiry_date;
  if (resolved.shares !== undefined) {
    changes.sharedWith = resolved.shares.sharedWith;
    changes.invitations = resolved.shares.invitations;
  }
  return changes;
}

/** The stores collection routes use. */
export type CollectionStores =
  | 'accounts'
  | 'collections'
  | 'photos'
  | 'blobs'
  | 'watermarks'
  | 'users'
  | 'notifications'
  | 'collectionDefaults'
  | 'collectionAccess';

/**
 * Collections: list, create, read, update, delete. Everyone signed in reads (gallery clients
 * only what is shared with them), and so does a share-link visitor (their link's collection);
 * staff create and edit; only the owner deletes.
 */
export async function collectionRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<CollectionStores>,
  inviter: ShareInviter,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const collections = ctx.storage.collections;
  const tags = ['Collections'];

  const listSchema = {
    operationId: 'listCollections',
    summary: 'List collections, a page at a time',
    description:
      "A gallery client sees only the collections shared with them, and not expired; a share-link visitor only their link's collection.",
    tags,
    querystring: PageQuery,
    response: responses({ 200: Page(Collection, PATHS.collections) }),
  };
  app.get('/collections', { schema: listSchema, config: VISITORS }, async (request) => {
    const viewer = await requestViewer(ctx, request);
    const window = requestedWindow(request);
    const { items, total } = await collections.list(viewer.accountId, {
      ...(viewer.visibleTo !== undefined ? { visibleTo: viewer.visibleTo } : {}),
      offset: window.offset,
      limit: window.limit,
    });
    return {
      data: items.map((c) => toCollection(c, viewer)),
      meta: listMeta(request, window, total, items.length),
    };
  });

  app.post(
    '/collections',
    {
      schema: {
        operationId: 'createCollection',
        summary: 'Create a collection',
        description:
          "Staff only. `shared_with` names gallery-client accounts by email; each gets a `collection_shared` notification. `password` (write-only, stored hashed) is what share-link visitors must enter. What the body leaves out of `downloadable` and `expiry_date` comes from the studio's collection defaults (`/api/v1/collection_defaults/{id}`), and so does whether its watermark is on (`/api/v1/collections/{id}/watermark`).",
        tags,
        body: CollectionCreate,
        response: responses({ 201: One }, { body: true }),
      },
      config: { roles: STAFF },
    },
    async (request, reply) => {
      const viewer = await viewerOf(ctx, signedIn(request));
      const body = request.body;
      const downloadPinHash = await hashDownloadPin(ctx, body.download_pin ?? null);
      const passwordHash = body.password ? await ctx.passwords.hash(body.password) : null;
      // Last of the checks: it may send invitations.
      const shares = await resolveShares(ctx, inviter, request, viewer, body.shared_with ?? []);
      const defaults =
        (await ctx.storage.collectionDefaults.find(viewer.accountId)) ??
        serverCollectionDefaults(viewer.accountId);
      const now = ctx.clock.now();
      const expiryDate =
        body.expiry_date !== undefined
          ? body.expiry_date
          : defaults.expiryDays === null
            ? null
            : addDays(await studioDate(ctx, viewer.accountId, now), defaults.expiryDays);
      const id = await createWithFreshId('collection', ctx.random, (candidate) =>
        collections.create({
          id: candidate,
          accountId: viewer.accountId,
          name: body.name,
          description: body.description ?? null,
          passwordProtected: passwordHash !== null,
          passwordHash,
          downloadable: body.downloadable ?? defaults.downloadable,
          ...(body.download_sizes !== undefined ? { downloadSizes: body.download_sizes } : {}),
          downloadPinHash,
          expiryDate,
          sharedWith: shares.sharedWith,
          invitations: shares.invitations,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const created = await collections.findById(viewer.accountId, id);
      if (!created) throw new Error(`Collection ${id} vanished right after it was created`);
      // The watermark switch lives with the watermark settings (gallery/watermarks/): a
      // studio whose defaults turn it on gets it on for each new collection.
      if (defaults.watermark) {
        await ctx.storage.watermarks.setEnabled(viewer.accountId, id, true);
      }
      await notifyNewShares(ctx, created, []);
      return reply.code(201).send({ data: toCollection(created, viewer) });
    },
  );

  const itemSchema = {
    operationId: 'getCollection',
    summary: 'Read a collection',
    description:
      "A gallery client gets 404 for one not shared with them, or expired; a share-link visitor for any but their link's, and 403 `password_required` until they entered its password.",
    tags,
    params: IdParams,
    response: responses({ 200: One }, { found: true }),
  };
  app.get('/collections/:id', { schema: itemSchema, config: VISITORS }, async (request) => {
    const viewer = await requestViewer(ctx, request);
    const collection = await visibleCollection(ctx, viewer, request.params.id);
    // When a gallery client last opened it, for the studio's list of who has access (a
    // visitor's activity is kept with their session).
    if (viewer.visibleTo !== undefined && viewer.visitor === undefined) {
      await ctx.storage.collectionAccess.recordAccess(
        viewer.accountId,
        collection.id,
        viewer.userId,
        ctx.clock.now(),
      );
    }
    return { data: toCollection(collection, viewer) };
  });

  app.put(
    '/collections/:id',
    {
      schema: {
        operationId: 'updateCollection',
        summary: 'Change the fields of a collection that the body names',
        description:
          'Staff only. People newly in `shared_with` get a notification. A new `password` locks out every visitor until they enter it; `null` removes it. `download_pin` sets the download PIN, `null` clears it; neither is ever returned (`password_protected` and `download_pin_protected` say whether there is one).',
        tags,
        params: IdParams,
        body: CollectionUpdate,
        response: responses({ 200: One }, { body: true, found: true }),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const viewer = await viewerOf(ctx, signedIn(request));
      const current = await visibleCollection(ctx, viewer, request.params.id);
      const body = request.body;
      const shares =
        body.shared_with === undefined
          ? undefined
          : await resolveShares(ctx, inviter, request, viewer, body.shared_with);
      const passwordHash =
        body.password === undefined
          ? undefined
          : body.password === null
            ? null
            : await ctx.passwords.hash(body.password);
      const changes = collectionChanges(body, { shares, passwordHash }, ctx.clock.now());
      if (body.download_pin !== undefined) {
        changes.downloadPinHash = await hashDownloadPin(ctx, body.download_pin);
      }
      const updated = await collections.update(viewer.accountId, current.id, changes);
      // Deleted between the read and the write.
      if (!updated) throw new AppError('not_found', `No collection found with ID: ${current.id}`);
      await notifyNewShares(ctx, updated, current.sharedWith);
      return { data: toCollection(updated, viewer) };
    },
  );

  app.delete(
    '/collections/:id',
    {
      schema: {
        operationId: 'deleteCollection',
        summary: 'Delete a collection, its galleries and their photos',
        description:
          'The owner only. The photos go with it, and their files unless another photo holds the same bytes.',
        tags,
        params: IdParams,
        response: responses({ 204: NoContent }, { found: true }),
      },
      config: { roles: OWNER },
    },
    async (request, reply) => {
      const { accountId } = signedIn(request).login;
      const id = requireNumericId('collection', request.params.id);
      if (!(await collections.delete(accountId, id))) {
        throw new AppError('not_found', `No collection found with ID: ${id}`);
      }
      const photos = await ctx.storage.photos.deleteAll(accountId, { collectionId: id });
      await releaseBlobs(ctx, photos, request.log);
      return reply.code(204).send();
    },
  );
}
