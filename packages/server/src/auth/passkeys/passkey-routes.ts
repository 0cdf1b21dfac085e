import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  PATHS,
  PasskeyCreationOptionsResponse,
  PasskeyList,
  PasskeyRegistrationBody,
  PasskeyRename,
  PasskeyResponse,
} from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import { auditMeta } from '../../audit/audit-log.js';
import { userEvent } from '../../audit/auth-events.js';
import { inApiScope } from '../../http/api-path.js';
import { AppError } from '../../http/app-error.js';
import { requireId } from '../../http/path-ids.js';
import { IdParams } from '../../http/path-params.js';
import { NoContent, noStore, responses } from '../../http/responses.js';
import { signedIn } from '../signed-in.js';
import type { TwoFactorRouteContext } from '../two-factor/mfa-routes.js';
import { RECENT_SIGN_IN_NOTE, recentlySignedInUser } from '../two-factor/recent-user.js';
import { passkeyView } from './passkey-view.js';
import type { Passkeys } from './passkeys.js';
import { relyingParty } from './relying-party.js';

/** The auth context with second factors and passkeys. */
export type PasskeyRouteContext = TwoFactorRouteContext & { passkeys: Passkeys };

/**
 * The signed-in user's passkeys, the same on both APIs: list, add (options, then the browser's
 * answer), rename, remove. Adding and removing need a recent sign-in, as for an authenticator
 * app; a passkey is a second factor as well as a way to sign in alone.
 */
export async function passkeyRoutes(
  scope: FastifyInstance,
  ctx: PasskeyRouteContext,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Auth'];
  const item = `${inApiScope(PATHS.passkeys)}/:id`;

  async function me(request: Parameters<typeof signedIn>[0]) {
    const { login } = signedIn(request);
    const user = await ctx.storage.users.findMember(login.accountId, login.userId);
    if (!user) throw new AppError('session_expired');
    return user;
  }

  app.get(
    inApiScope(PATHS.passkeys),
    {
      schema: {
        operationId: 'listPasskeys',
        summary: "The user's passkeys",
        tags,
        response: responses({ 200: PasskeyList }),
      },
    },
    async (request, reply) => {
      noStore(reply);
      return { data: (await ctx.passkeys.list(await me(request))).map(passkeyView) };
    },
  );

  app.post(
    inApiScope(PATHS.passkeyOptions),
    {
      schema: {
        operationId: 'passkeyRegistrationOptions',
        summary: 'Start adding a passkey',
        description: `Answers the options for \`navigator.credentials.create()\` (as @simplewebauthn/browser's \`startRegistration\` takes them): a discoverable credential for this user, excluding the passkeys they have. Its challenge works once, for five minutes; send the browser's answer to \`POST ${PATHS.passkeys}\`.${RECENT_SIGN_IN_NOTE}`,
        tags,
        response: responses({ 200: PasskeyCreationOptionsResponse }),
      },
    },
    async (request, reply) => {
      const user = await recentlySignedInUser(ctx, request);
      noStore(reply);
      return {
        data: await ctx.passkeys.registrationOptions(user, relyingParty(ctx.config, request, ctx)),
      };
    },
  );

  app.post(
    inApiScope(PATHS.passkeys),
    {
      schema: {
        operationId: 'addPasskey',
        summary: 'Add a passkey',
        description: `The browser's answer to the options of \`POST ${PATHS.passkeyOptions}\`, and a name for the list. From now on a password alone no longer signs in: the passkey is asked for as a second step (\`mfa_methods\` lists \`passkey\`), and it signs in alone at \`POST ${PATHS.loginPasskey}\`. 422 \`passkey_rejected\` when the answer does not verify (another site, a used or expired challenge) or the passkey is registered already.${RECENT_SIGN_IN_NOTE}`,
        tags,
        body: PasskeyRegistrationBody,
        response: responses({ 201: PasskeyResponse }, { body: true }),
      },
    },
    async (request, reply) => {
      const user = await recentlySignedInUser(ctx, request);
      const rp = relyingParty(ctx.config, request, ctx);
      const added = await ctx.passkeys.register(
        user,
        request.body.credential,
        request.body.name,
        rp,
      );
      await ctx.audit.record(
        auditMeta(request),
        userEvent('passkey.added', user, { method: 'passkey', passkey_id: added.id }),
      );
      request.log.info({ userId: user.id, passkeyId: added.id }, 'passkey added');
      return reply.code(201).send({ data: passkeyView(added) });
    },
  );

  app.patch(
    item,
    {
      schema: {
        operationId: 'renamePasskey',
        summary: 'Rename a passkey',
        tags,
        params: IdParams,
        body: PasskeyRename,
        response: responses({ 200: PasskeyResponse }, { body: true, found: true }),
      },
    },
    async (request) => {
      const id = requireId('passkey', request.params.id);
      const renamed = await ctx.passkeys.rename(await me(request), id, request.body.name);
      if (!renamed) throw new AppError('not_found');
      return { data: passkeyView(renamed) };
    },
  );

  app.delete(
    item,
    {
      schema: {
        operationId: 'removePasskey',
        summary: 'Remove a passkey',
        description: `It no longer signs in, alone or as a second step; pending sign-ins waiting for a second step end. 404 when the user has no passkey of that ID.${RECENT_SIGN_IN_NOTE}`,
        tags,
        params: IdParams,
        response: responses({ 204: NoContent }, { found: true }),
      },
    },
    async (request, reply) => {
      const id = requireId('passkey', request.params.id);
      const user = await recentlySignedInUser(ctx, request);
      if (!(await ctx.passkeys.remove(user, id))) throw new AppError('not_found');
      // A pending second step may have been waiting for this very passkey.
      await ctx.storage.twoFactor.deleteChallengesOf(user.id);
      await ctx.audit.record(
        auditMeta(request),
        userEvent('passkey.removed', user, { method: 'passkey', passkey_id: id }),
      );
      request.log.info({ userId: user.id, passkeyId: id }, 'passkey removed');
      return reply.code(204).send();
    },
  );
}
