import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  InvitationCreate,
  InvitationPage,
  InvitationQuery,
  InvitationResponse,
} from '@proofsheet/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { type AuditLog, auditMeta } from '../../audit/audit-log.js';
import type { InvitationLinkBases, Invitations } from '../../auth/invitations/invitations.js';
import { selfOrigin } from '../../auth/origin-check.js';
import { signedIn } from '../../auth/signed-in.js';
import { AppError } from '../../http/app-error.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { requireId } from '../../http/path-ids.js';
import { IdParams } from '../../http/path-params.js';
import { NoContent, responses } from '../../http/responses.js';
import { OWNER } from '../../http/role-sets.js';
import { toInvitation } from './view.js';

/** What the invitation routes need besides their store. */
export type InvitationRouteContext = ResourceContext<'invitations'> & {
  invitations: Invitations;
  audit: AuditLog;
  /** This API's origin as browsers see it, or null to take it from the Host header. */
  publicOrigin: string | null;
  secure: boolean;
};

/**
 * `POST|GET /api/v1/invitations`, `DELETE /api/v1/invitations/{id}`: inviting people by email
 * as assistants or gallery clients, the studio's invitations, and withdrawing one. Owners only.
 */
export async function invitationRoutes(
  scope: FastifyInstance,
  ctx: InvitationRouteContext,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Members'];

  /** Links point at the configured public URLs, never at the Host header alone. */
  function linkBases(request: FastifyRequest): InvitationLinkBases {
    // Without them (outbox mode only: SMTP requires one), the owner reads the link on this host.
    const studio = ctx.config.publicStudioUrl ?? selfOrigin(request, ctx);
    return { studio, gallery: ctx.config.publicGalleryUrl ?? studio };
  }

  app.post(
    '/invitations',
    {
      schema: {
        operationId: 'createInvitation',
        summary: 'Invite someone by email, as an assistant or a gallery client',
        description:
          'Owners only. The email carries a link that works once, until `expires_at` (`PROOFSHEET_INVITATION_LIFETIME`): to the Studio for assistants, to the Gallery for clients. Inviting an address with an open invitation renews it (same id, new link; the old link stops working). 409 `already_member` when a user signs in with the address already.',
        tags,
        body: InvitationCreate,
        response: responses({ 201: InvitationResponse }, { body: true, also: [409] }),
      },
      config: { roles: OWNER },
    },
    async (request, reply) => {
      const { accountId, userId } = signedIn(request).login;
      const invitation = await ctx.invitations.invite(
        accountId,
        userId,
        request.body,
        linkBases(request),
      );
      await ctx.audit.record(auditMeta(request), {
        accountId,
        type: 'invitation.sent',
        userId,
        detail: { email: invitation.email, role: invitation.role },
      });
      return (reply as FastifyReply)
        .code(201)
        .send({ data: toInvitation(invitation, ctx.clock.now()) });
    },
  );

  app.get(
    '/invitations',
    {
      schema: {
        operationId: 'listInvitations',
        summary: "The studio's invitations, newest first",
        description: 'Owners only. `status` keeps those with it (`pending` for the open ones).',
        tags,
        querystring: InvitationQuery,
        response: responses({ 200: InvitationPage }),
      },
      config: { roles: OWNER },
    },
    async (request) => {
      const window = requestedWindow(request);
      const now = ctx.clock.now();
      const { status } = request.query;
      const { items, total } = await ctx.storage.invitations.list(
        signedIn(request).login.accountId,
        window,
        status ? { status, now } : undefined,
      );
      return {
        data: items.map((i) => toInvitation(i, now)),
        meta: listMeta(request, window, total, items.length),
      };
    },
  );

  app.delete(
    '/invitations/:id',
    {
      schema: {
        operationId: 'revokeInvitation',
        summary: 'Withdraw an invitation',
        description:
          'Owners only. Its link stops working; withdrawing twice is no error. 409 `invitation_accepted` once it was accepted: remove the member instead.',
        tags,
        params: IdParams,
        response: responses({ 204: NoContent }, { found: true, also: [409] }),
      },
      config: { roles: OWNER },
    },
    async (request, reply) => {
      const { accountId, userId } = signedIn(request).login;
      const id = requireId('invitation', request.params.id);
      const invitation = await ctx.storage.invitations.revoke(accountId, id, ctx.clock.now());
      if (!invitation) throw new AppError('not_found', `No invitation found with ID: ${id}`);
      if (invitation.acceptedAt !== null) throw new AppError('invitation_accepted');
      await ctx.audit.record(auditMeta(request), {
        accountId,
        type: 'invitation.revoked',
        userId,
        detail: { email: invitation.email, role: invitation.role },
      });
      return reply.code(204).send();
    },
  );
}
