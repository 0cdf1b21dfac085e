import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CollectionDefaults, CollectionDefaultsUpdate, Envelope, isId } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { AppError } from '../../http/app-error.js';
import { IdParams } from '../../http/path-params.js';
import { responses } from '../../http/responses.js';
import { STAFF } from '../../http/role-sets.js';
import { serverCollectionDefaults } from '../../storage/ports/collection-defaults-store.js';
import { toCollectionDefaults } from './view.js';

/**
 * The account a defaults path names: the signed-in studio's own (`ac_…`), else 404 (another
 * studio's ID is no more theirs to read than an unknown one); 400 for no account ID at all.
 */
function ownAccount(rawId: string, accountId: string): string {
  if (!isId('account', rawId)) {
    throw new AppError(
      'bad_request',
      `Collection defaults ID must be the account's ID, ac_ followed by 30 letters and digits (got ${JSON.stringify(rawId.slice(0, 40))})`,
    );
  }
  if (rawId !== accountId) {
    throw new AppError('not_found', `No collection defaults found with ID: ${rawId}`);
  }
  return accountId;
}

/** The studio's defaults for new collections: read (as documented) and change. */
export async function collectionDefaultsRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<'collectionDefaults'>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Collections'];
  const store = ctx.storage.collectionDefaults;

  async function current(accountId: string) {
    return (await store.find(accountId)) ?? serverCollectionDefaults(accountId);
  }

  app.get(
    '/collection_defaults/:id/before_collection_default_settings',
    {
      schema: {
        operationId: 'getCollectionDefaults',
        summary: 'What a new collection starts with',
        description:
          "Staff only. `{id}` is the account's ID (`account.id` of `/api/v1/data/bootstrap`). `POST /api/v1/collections` takes `downloadable` and `expiry_date` (today plus `expiry_days`, where the studio is) from these when its body leaves them out, and turns the new collection's watermark on if `watermark` is.",
        tags,
        params: IdParams,
        response: responses({ 200: Envelope(CollectionDefaults) }, { found: true }),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const accountId = ownAccount(request.params.id, signedIn(request).login.accountId);
      return { data: toCollectionDefaults(await current(accountId)) };
    },
  );

  app.put(
    '/collection_defaults/:id',
    {
      schema: {
        operationId: 'updateCollectionDefaults',
        summary: 'Change what new collections start with',
        description:
          'Staff only. The settings the body names; collections made before keep theirs.',
        tags,
        params: IdParams,
        body: CollectionDefaultsUpdate,
        response: responses({ 200: Envelope(CollectionDefaults) }, { body: true, found: true }),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const accountId = ownAccount(request.params.id, signedIn(request).login.accountId);
      const body = request.body;
      const before = await current(accountId);
      const saved = {
        accountId,
        downloadable: body.downloadable ?? before.downloadable,
        expiryDays: body.expiry_days !== undefined ? body.expiry_days : before.expiryDays,
        watermark: body.watermark ?? before.watermark,
        updatedAt: ctx.clock.now(),
      };
      await store.save(saved);
      return { data: toCollectionDefaults(saved) };
    },
  );
}
