import {
  PATHS,
  RecoveryCodes,
  TotpConfirmBody,
  TotpSetup,
  TwoFactorStatus,
} from '@proofsheet/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditMeta } from '../../audit/audit-log.js';
import { userEvent } from '../../audit/auth-events.js';
import { inApiScope } from '../../http/api-path.js';
import { AppError } from '../../http/app-error.js';
import { NoContent, noStore, responses } from '../../http/responses.js';
import { signedIn } from '../signed-in.js';
import type { TwoFactorRouteContext } from './mfa-routes.js';
import { RECENT_SIGN_IN_NOTE, recentlySignedInUser } from './recent-user.js';

/**
 * The signed-in user's second factors, the same on both APIs: status, setting up an
 * authenticator app (a QR code, then its first code), removing it, and new recovery codes.
 * Every change needs a recent sign-in: a session stolen hours ago must not be able to add an
 * attacker's app, nor remove the user's.
 */
export async function factorRoutes(
  app: FastifyInstance,
  ctx: TwoFactorRouteContext,
): Promise<void> {
  const recentUser = (request: FastifyRequest) => recentlySignedInUser(ctx, request);
  const tags = ['Auth'];
  const recent = RECENT_SIGN_IN_NOTE;

  app.get(
    inApiScope(PATHS.twoFactor),
    {
      schema: {
        operationId: 'getTwoFactor',
        summary: "The user's second factors",
        tags,
        response: responses({ 200: TwoFactorStatus }),
      },
    },
    async (request, reply) => {
      noStore(reply);
      return { data: await ctx.twoFactor.status(signedIn(request).login.userId) };
    },
  );

  app.post(
    inApiScope(PATHS.totp),
    {
      schema: {
        operationId: 'startTotp',
        summary: 'Start setting up an authenticator app',
        description: `Answers a new secret as a QR code (\`qr_code\`, an SVG data URL), an \`otpauth://\` URL and base32 text. Nothing changes at sign-in until the first code is confirmed with \`POST ${PATHS.totpConfirm}\`; starting again replaces an unconfirmed secret. 409 when an app is already set up.${recent}`,
        tags,
        response: responses({ 200: TotpSetup }, { also: [409] }),
      },
    },
    async (request, reply) => {
      const user = await recentUser(request);
      noStore(reply);
      return { data: await ctx.twoFactor.start(user) };
    },
  );

  app.post(
    inApiScope(PATHS.totpConfirm),
    {
      schema: {
        operationId: 'confirmTotp',
        summary: 'Confirm the authenticator app with its first code, turning two-factor on',
        description: `Answers ten recovery codes, shown this once: each signs in once in place of a code. A code that does not match is a 422 on \`code\`.${recent}`,
        tags,
        body: TotpConfirmBody,
        response: responses({ 200: RecoveryCodes }, { body: true, also: [409] }),
      },
    },
    async (request, reply) => {
      const user = await recentUser(request);
      const codes = await ctx.twoFactor.confirm(user, (request.body as TotpConfirmBody).code);
      await ctx.audit.record(
        auditMeta(request),
        userEvent('mfa.enabled', user, { method: 'totp' }),
      );
      request.log.info({ userId: user.id }, 'two-factor enabled');
      noStore(reply);
      return { data: { recovery_codes: codes } };
    },
  );

  app.delete(
    inApiScope(PATHS.totp),
    {
      schema: {
        operationId: 'removeTotp',
        summary: 'Remove the authenticator app and its recovery codes',
        description: `Sign-in asks for the password alone again. 404 when there is none.${recent}`,
        tags,
        response: responses({ 204: NoContent }, { found: true }),
      },
    },
    async (request, reply) => {
      const user = await recentUser(request);
      if (!(await ctx.twoFactor.remove(user.id))) throw new AppError('not_found');
      await ctx.audit.record(
        auditMeta(request),
        userEvent('mfa.disabled', user, { method: 'totp' }),
      );
      request.log.info({ userId: user.id }, 'two-factor removed');
      return reply.code(204).send();
    },
  );

  app.post(
    inApiScope(PATHS.recoveryCodes),
    {
      schema: {
        operationId: 'regenerateRecoveryCodes',
        summary: 'New recovery codes in place of the old ones',
        description: `Every earlier code stops working. 409 without an authenticator app.${recent}`,
        tags,
        response: responses({ 200: RecoveryCodes }, { also: [409] }),
      },
    },
    async (request, reply) => {
      const user = await recentUser(request);
      const codes = await ctx.twoFactor.regenerate(user.id);
      await ctx.audit.record(auditMeta(request), userEvent('recovery_codes.regenerated', user));
      noStore(reply);
      return { data: { recovery_codes: codes } };
    },
  );
}
