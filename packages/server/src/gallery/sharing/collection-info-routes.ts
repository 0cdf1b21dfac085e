import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  BeforeShow,
  CollectionClient,
  CollectionEdit,
  Envelope,
  Page,
  PageQuery,
  VisitorEmail,
} from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { AppError } from '../../http/app-error.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { requireNumericId } from '../../http/path-ids.js';
import { IdParams } from '../../http/path-params.js';
import { responses } from '../../http/responses.js';
import { STAFF } from '../../http/role-sets.js';
import { calendarDate } from '../calendar-date.js';
import { visibleCollection } from '../collection-access.js';
import { requestViewer, viewerOf } from '../viewer.js';
import { beforeShow, mayReach } from './before-show.js';
import { toCollectionClient, toVisitorEmail } from './view.js';

/** The stores these routes use. */
export type CollectionInfoStores =
  | 'accounts'
  | 'collections'
  | 'shareLinks'
  | 'visitors'
  | 'collectionAccess'
  | 'watermarks';

/**
 * The documented helpers of a collection (`gallery-api/collections.md`): its editable settings,
 * what a viewer must do before seeing it, who has access, and the emails of its visitors.
 */
export async function collectionInfoRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<CollectionInfoStores>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Collections'];

  app.get(
    '/collections/:id/edit',
    {
      schema: {
        operationId: 'getCollectionEdit',
        summary: 'The editable settings of a collection',
        description:
          'Staff only. What `PUT /api/v1/collections/{id}` changes, as it is now; the password only as `password_protected`.',
        tags,
        params: IdParams,
        response: responses({ 200: Envelope(CollectionEdit) }, { found: true }),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const viewer = await viewerOf(ctx, signedIn(request));
      const c = await visibleCollection(ctx, viewer, request.params.id);
      const [active, watermark] = await Promise.all([
        ctx.storage.shareLinks.countActive(c.accountId, c.id, ctx.clock.now()),
        ctx.storage.watermarks.isEnabled(c.accountId, c.id),
      ]);
      return {
        data: {
          id: c.id,
          name: c.name,
          description: c.description,
          password_protected: c.passwordProtected,
          downloadable: c.downloadable,
          watermark,
          expiry_date: c.expiryDate,
          shared_with: c.sharedWithEmails,
          active_share_links: active,
        },
      };
    },
  );

  app.get(
    '/collections/:id/before_show',
    {
      schema: {
        operationId: 'getCollectionBeforeShow',
        summary: 'What the asking viewer must do before seeing a collection',
        description:
          "`ok`, `password_required` (a share-link visitor who has not entered the collection's current password: they enter it on the link's page) or `expired` (a gallery client or visitor after its expiry date). 404 for a collection the viewer cannot reach at all. Share-link visitors may ask, locked or not.",
        tags,
        params: IdParams,
        response: responses({ 200: Envelope(BeforeShow) }, { found: true }),
      },
      config: { visitors: 'locked' },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const id = requireNumericId('collection', request.params.id);
      // Read unscoped, so that an expired collection is reported as such, then checked here.
      const found = await ctx.storage.collections.findById(viewer.accountId, id);
      if (!found || !mayReach(found, viewer)) {
        throw new AppError('not_found', `No collection found with ID: ${id}`);
      }
      const account = await ctx.storage.accounts.findById(viewer.accountId);
      const today = calendarDate(ctx.clock.now(), account?.timezone ?? 'UTC');
      const locked = request.visitor?.locked ?? false;
      return { data: beforeShow(found, { viewer, locked, today }) };
    },
  );

  app.get(
    '/collections/:id/clients',
    {
      schema: {
        operationId: 'listCollectionClients',
        summary: 'The people with access to a collection',
        description:
          'Staff only. The gallery clients it is shared with (`access_level: client`), then the share-link visitors whose session still runs (`visitor`), each with their last access and how many photos they favorited in it.',
        tags,
        params: IdParams,
        querystring: PageQuery,
        response: responses(
          { 200: Page(CollectionClient, '/api/v1/collections/48213907/clients') },
          { found: true },
        ),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const viewer = await viewerOf(ctx, signedIn(request));
      const c = await visibleCollection(ctx, viewer, request.params.id);
      const window = requestedWindow(request);
      const people = await ctx.storage.collectionAccess.peopleWithAccess(
        c.accountId,
        c.id,
        ctx.clock.now(),
      );
      const items = people.slice(window.offset, window.offset + window.limit);
      return {
        data: items.map(toCollectionClient),
        meta: listMeta(request, window, people.length, items.length),
      };
    },
  );

  app.get(
    '/collections/:id/visitor_emails',
    {
      schema: {
        operationId: 'listVisitorEmails',
        summary: 'The emails that entered a collection through its share links',
        description:
          'Staff only. Most recent entry first, each with when it first and last entered and how often; kept after its links are revoked.',
        tags,
        params: IdParams,
        querystring: PageQuery,
        response: responses(
          { 200: Page(VisitorEmail, '/api/v1/collections/48213907/visitor_emails') },
          { found: true },
        ),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const viewer = await viewerOf(ctx, signedIn(request));
      const c = await visibleCollection(ctx, viewer, request.params.id);
      const window = requestedWindow(request);
      const page = await ctx.storage.visitors.listForCollection(c.accountId, c.id, window);
      return {
        data: page.items.map(toVisitorEmail),
        meta: listMeta(request, window, page.total, page.items.length),
      };
    },
  );
}
