import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { MemberPage, MemberQuery, MemberResponse, MemberRoleUpdate } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { type AuditLog, auditMeta } from '../../audit/audit-log.js';
import type { SessionService } from '../../auth/session-service.js';
import { signedIn } from '../../auth/signed-in.js';
import { AppError } from '../../http/app-error.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { requireId } from '../../http/path-ids.js';
import { UserParams } from '../../http/path-params.js';
import { NoContent, responses } from '../../http/responses.js';
import { OWNER } from '../../http/role-sets.js';
import type { MemberChange } from '../../storage/ports/user-store.js';
import { toMember } from './view.js';

/** What the member routes need besides their store: sign-ins to end. */
export type MemberRouteContext = ResourceContext<'users'> & {
  sessions: SessionService;
  audit: AuditLog;
};

/** The user of a change, or the error of its refusal: another studio's user is a 404. */
function changed(result: MemberChange, id: string) {
  if (result.ok) return result;
  if (result.reason === 'last_owner') throw new AppError('last_owner');
  throw new AppError('not_found', `No member found with ID: ${id}`);
}

/**
 * `GET /api/v1/members`, `PUT|DELETE /api/v1/members/{userId}`: the studio's users, their
 * roles, and removing them. Owners only. The store refuses what would leave the studio without
 * an owner (409), and finds no user of another studio (404, never 403: ids of others are not
 * confirmed). A changed or removed user's sign-ins all end, in the shared session store, so
 * every instance refuses them at their next request; a changed user signs in again with the
 * new role, which every session carries.
 */
export async function memberRoutes(scope: FastifyInstance, ctx: MemberRouteContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Members'];
  const ITEM = '/members/:userId';

  app.get(
    '/members',
    {
      schema: {
        operationId: 'listMembers',
        summary: "The studio's users, oldest first",
        description: 'Owners only. Removed users are not listed.',
        tags,
        querystring: MemberQuery,
        response: responses({ 200: MemberPage }),
      },
      config: { roles: OWNER },
    },
    async (request) => {
      const window = requestedWindow(request);
      const { items, total } = await ctx.storage.users.listByAccount(
        signedIn(request).login.accountId,
        window,
      );
      return { data: items.map(toMember), meta: listMeta(request, window, total, items.length) };
    },
  );

  app.put(
    ITEM,
    {
      schema: {
        operationId: 'updateMemberRole',
        summary: "Change a member's role",
        description:
          'Owners only. Every sign-in of the member to this studio ends (they sign in again, with the new role), yours too if you change your own; their sign-ins to other studios stay. 409 `last_owner` when it would leave the studio without an owner.',
        tags,
        params: UserParams,
        body: MemberRoleUpdate,
        response: responses({ 200: MemberResponse }, { body: true, found: true, also: [409] }),
      },
      config: { roles: OWNER },
    },
    async (request) => {
      const { accountId, userId: ownerId } = signedIn(request).login;
      const id = requireId('user', request.params.userId);
      const { user, previousRole } = changed(
        await ctx.storage.users.updateRole(accountId, id, request.body.role),
        id,
      );
      // A session carries its role: an old one must not outlive the change on any instance.
      if (previousRole !== user.role) {
        await ctx.sessions.revokeInStudio(user.id, accountId);
        await ctx.audit.record(auditMeta(request), {
          accountId,
          type: 'member.role_changed',
          userId: user.id,
          actorId: ownerId,
          detail: { target_user_id: user.id, role: user.role },
        });
      }
      return { data: toMember(user) };
    },
  );

  app.delete(
    ITEM,
    {
      schema: {
        operationId: 'removeMember',
        summary: 'Remove a member from the studio',
        description:
          'Owners only. The user can no longer open this studio and every sign-in of theirs to it ends at its next request; their address can be invited again. A user who belongs to other studios keeps signing in to those. What they left (favorites, comments, downloads) stays with the studio. 409 `last_owner` for the studio’s last owner.',
        tags,
        params: UserParams,
        response: responses({ 204: NoContent }, { found: true, also: [409] }),
      },
      config: { roles: OWNER },
    },
    async (request, reply) => {
      const { accountId, userId: ownerId } = signedIn(request).login;
      const id = requireId('user', request.params.userId);
      const { user } = changed(await ctx.storage.users.remove(accountId, id, ctx.clock.now()), id);
      // After the write: a sign-in that starts now finds no user, and this ends the ones before.
      const revoked = await ctx.sessions.revokeInStudio(user.id, accountId);
      await ctx.audit.record(auditMeta(request), {
        accountId,
        type: 'member.removed',
        userId: user.id,
        actorId: ownerId,
        detail: { target_user_id: user.id, role: user.role, revoked_sessions: revoked },
      });
      return reply.code(204).send();
    },
  );
}
