import {
  LoginResponse,
  PATHS,
  StudioCreate,
  StudioCreated,
  type StudioMembership,
  StudioMembershipList,
  StudioSwitch,
} from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import { auditMeta } from '../audit/audit-log.js';
import { loginEvent, userEvent } from '../audit/auth-events.js';
import { inApiScope } from '../http/api-path.js';
import { AppError } from '../http/app-error.js';
import { noStore, responses } from '../http/responses.js';
import type { AuthContext } from './context.js';
import { APP_HOME } from './login-routes.js';
import { finishSignIn } from './sign-in.js';
import { newAccount } from './sign-up/new-studio.js';
import { signedIn } from './signed-in.js';

/**
 * The studios of the signed-in user, opening one more of their own, and switching between
 * them, the same on both APIs (a couple may be the gallery client of two photographers). A
 * session belongs to one studio: switching ends it and starts one in the other studio, with
 * fresh cookies, as a sign-in does.
 */
export async function accountStudioRoutes(app: FastifyInstance, ctx: AuthContext): Promise<void> {
  const tags = ['Auth'];
  // The same rule as signing up: a server that takes no new studios takes none this way.
  const canCreate = ctx.config.signUp === 'open';

  app.get(
    inApiScope(PATHS.accountStudios),
    {
      schema: {
        operationId: 'listMyStudios',
        summary: 'The studios you belong to, with your role in each',
        description:
          'The first joined first; `current` marks the studio this session is signed in to. Joining another studio takes its invitation; `meta.can_create` says whether `POST` may open one of your own.',
        tags,
        response: responses({ 200: StudioMembershipList }),
      },
    },
    async (request, reply) => {
      const { login } = signedIn(request);
      const memberships = await ctx.storage.users.listMemberships(login.userId);
      const data: StudioMembership[] = [];
      for (const m of memberships) {
        const account = await ctx.storage.accounts.findById(m.accountId);
        if (!account) continue;
        data.push({
          id: m.accountId,
          name: account.name,
          role: m.role,
          current: m.accountId === login.accountId,
          joined_at: m.createdAt.toISOString(),
        });
      }
      noStore(reply);
      return { data, meta: { can_create: canCreate } };
    },
  );

  app.post(
    inApiScope(PATHS.accountStudios),
    {
      schema: {
        operationId: 'createMyStudio',
        summary: 'Open a studio of your own, keeping your other studios',
        description:
          'Only when sign-up is open (`PROOFSHEET_SIGN_UP=open`), else 403 `sign_up_closed`: you become the new studio’s owner, with the same email, password and second factors. The session stays in its studio; `POST /api/v1/account/studios/switch` opens the new one.',
        tags,
        body: StudioCreate,
        response: responses({ 201: StudioCreated }, { body: true }),
      },
    },
    async (request, reply) => {
      const { login } = signedIn(request);
      if (!canCreate) throw new AppError('sign_up_closed');
      const name = (request.body as StudioCreate).name.trim();
      if (name === '') {
        throw new AppError('validation_failed', 'Name the studio', { name: ['is required'] });
      }
      const now = ctx.clock.now();
      const account = newAccount(name, now, ctx.random);
      const owner = await ctx.storage.signUps.openStudio(account, login.userId, now);
      if (!owner) throw new AppError('session_expired');
      await ctx.audit.record(auditMeta(request), userEvent('studio.created', owner));
      request.log.info({ userId: owner.id, accountId: account.id }, 'studio opened');
      return reply.code(201).send({
        data: {
          id: account.id,
          name: account.name,
          role: owner.role,
          current: false,
          joined_at: now.toISOString(),
        },
      });
    },
  );

  app.post(
    inApiScope(PATHS.accountStudiosSwitch),
    {
      schema: {
        operationId: 'switchStudio',
        summary: 'Move this sign-in to another of your studios',
        description:
          'Ends the current session and starts one in the studio named, with your role there: new cookies, as `POST /login` sets them, and the same answer. Your next sign-in opens that studio too. A studio you do not belong to is a 404, whether or not it exists.',
        tags,
        body: StudioSwitch,
        response: responses({ 200: LoginResponse }, { body: true, found: true }),
      },
    },
    async (request, reply) => {
      const { login } = signedIn(request);
      const { account_id: accountId } = request.body as StudioSwitch;
      const member = await ctx.storage.users.findMember(accountId, login.userId);
      if (!member) {
        throw new AppError('not_found', `You are not a member of a studio with ID: ${accountId}`);
      }
      await ctx.storage.users.setDefaultAccount(login.userId, accountId);
      const answer = await finishSignIn(ctx, request, reply, member, {
        html: false,
        next: APP_HOME,
        method: 'studio_switch',
        // Not a new proof of who they are: changing a second factor still asks for one.
        signedInAt: login.createdAt,
      });
      // The new sign-in stands before the old one ends: a failure leaves the user signed in.
      await ctx.sessions.signOut(login.id);
      await ctx.audit.record(
        auditMeta(request),
        loginEvent('sign_out', login, { login_id: login.id, reason: 'studio_switch' }),
      );
      return answer;
    },
  );
}
