import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  LoginResponse,
  MfaPasskeyBody,
  MfaPasskeyOptionsBody,
  PATHS,
  PasskeyLoginBody,
  PasskeyRequestOptionsResponse,
} from '@proofsheet/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditMeta } from '../../audit/audit-log.js';
import { AppError } from '../../http/app-error.js';
import { noStore, responses } from '../../http/responses.js';
import { presentsPreSessionCsrf } from '../csrf.js';
import type { LoginThrottle } from '../login-throttle.js';
import { finishSignIn } from '../sign-in.js';
import type { PasskeyRouteContext } from './passkey-routes.js';
import { signInWithPasskey } from './passkey-sign-in.js';
import { relyingParty } from './relying-party.js';

/**
 * Signing in with a passkey, as the second step after a password or alone. Both end in
 * {@link finishSignIn} with method `passkey`, as `POST /login` and `POST /login/mfa` end: the
 * same cookies, the same answer. JSON only: a passkey needs the page's script anyway.
 */
export async function passkeyLoginRoutes(
  scope: FastifyInstance,
  ctx: PasskeyRouteContext & { passkeyThrottle: LoginThrottle },
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Auth'];
  const config = { auth: 'none', csrf: 'origin' } as const;
  const csrf =
    ' A browser must echo the sign-in page’s `XSRF-TOKEN` (as `X-CSRF-Token`), as for `POST /login`.';

  function requirePreSessionCsrf(request: FastifyRequest): void {
    // Login CSRF: a page elsewhere must not sign the browser in as someone else.
    if (!presentsPreSessionCsrf(request, ctx.cookies)) throw new AppError('csrf_mismatch');
  }

  app.post(
    PATHS.loginMfaPasskeyOptions,
    {
      schema: {
        operationId: 'loginMfaPasskeyOptions',
        summary: 'Options to complete a sign-in with a passkey',
        description: `After \`POST /login\` answered 401 \`mfa_required\` with \`passkey\` among \`mfa_methods\`: the options for \`navigator.credentials.get()\` (as @simplewebauthn/browser's \`startAuthentication\` takes them), naming the user's passkeys. Their challenge belongs to this \`mfa_token\` and works once. 409 when the user has no passkey.`,
        tags,
        body: MfaPasskeyOptionsBody,
        response: responses(
          { 200: PasskeyRequestOptionsResponse },
          { body: true, also: [401, 409] },
        ),
      },
      config,
    },
    async (request, reply) => {
      const { user, tokenHash } = await ctx.twoFactor.pendingUser(request.body.mfa_token);
      if ((await ctx.passkeys.count(user.id)) === 0) {
        throw new AppError('conflict', 'This account has no passkey: use the authenticator app');
      }
      const options = await ctx.passkeys.authenticationOptions(
        relyingParty(ctx.config, request, ctx),
        {
          purpose: 'second_factor',
          userId: user.id,
          mfaTokenHash: tokenHash,
        },
      );
      noStore(reply);
      return { data: options };
    },
  );

  app.post(
    PATHS.loginMfaPasskey,
    {
      schema: {
        operationId: 'loginMfaPasskey',
        summary: 'Complete a sign-in with a passkey',
        description: `The \`mfa_token\` and the browser's answer to the options of \`POST ${PATHS.loginMfaPasskeyOptions}\`. Sets the three cookies and answers as \`POST /login\` does. A failed answer is 401 \`passkey_invalid\` (ask for new options), counted and throttled as wrong codes are; after five the \`mfa_token\` ends (401 \`mfa_token_invalid\`).${csrf}`,
        tags,
        body: MfaPasskeyBody,
        response: responses({ 200: LoginResponse }, { body: true, also: [401] }),
      },
      config,
    },
    async (request, reply) => {
      requirePreSessionCsrf(request);
      const { user, method } = await ctx.twoFactor.complete(
        request.body.mfa_token,
        { passkey: request.body.credential, rp: relyingParty(ctx.config, request, ctx) },
        auditMeta(request),
        ctx.api,
      );
      return finishSignIn(ctx, request, reply, user, { html: false, next: '/', method });
    },
  );

  app.post(
    PATHS.loginPasskeyOptions,
    {
      schema: {
        operationId: 'loginPasskeyOptions',
        summary: 'Options to sign in with a passkey alone',
        description:
          'The options for `navigator.credentials.get()` with no passkey named: the browser offers the passkeys it has for this site, so no email is asked for, and the answer is the same for everyone. The passkey must verify its holder (PIN or biometrics). Its challenge works once, for five minutes.',
        tags,
        response: responses({ 200: PasskeyRequestOptionsResponse }),
      },
      config,
    },
    async (request, reply) => {
      const options = await ctx.passkeys.authenticationOptions(
        relyingParty(ctx.config, request, ctx),
        {
          purpose: 'sign_in',
        },
      );
      noStore(reply);
      return { data: options };
    },
  );

  app.post(
    PATHS.loginPasskey,
    {
      schema: {
        operationId: 'loginPasskey',
        summary: 'Sign in with a passkey alone',
        description: `The browser's answer to the options of \`POST ${PATHS.loginPasskeyOptions}\`. Sets the three cookies and answers as \`POST /login\` does, with no second step: the passkey is something the user has, unlocked by something they know or are. 401 \`passkey_invalid\` whatever failed (an unknown passkey, a bad signature, a used challenge); failures are throttled per passkey and IP.${csrf}`,
        tags,
        body: PasskeyLoginBody,
        response: responses({ 200: LoginResponse }, { body: true, also: [401] }),
      },
      config,
    },
    async (request, reply) => {
      requirePreSessionCsrf(request);
      const user = await signInWithPasskey(
        { ...ctx, throttle: ctx.passkeyThrottle },
        request.body.credential,
        relyingParty(ctx.config, request, ctx),
        auditMeta(request),
      );
      return finishSignIn(ctx, request, reply, user, { html: false, next: '/', method: 'passkey' });
    },
  );
}
