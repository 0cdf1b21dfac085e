import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditEventsPage, AuditEventsQuery, parseAuditEventTypes } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
// One rule for what an ISO instant is, where share-link expiries first needed it.
import { parseInstant } from '../../gallery/sharing/link-request.js';
import { AppError } from '../../http/app-error.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { noStore, responses } from '../../http/responses.js';
import { OWNER } from '../../http/role-sets.js';
import type { AuditEventFilter } from '../../storage/ports/audit-store.js';
import { toAuditEvent } from './view.js';

/**
 * The instants of `since` and `until`, or a 400 naming each that is no real instant (the
 * pattern lets `2026-02-31T…` through) and an `until` before `since`.
 */
function timeWindow(query: AuditEventsQuery): Pick<AuditEventFilter, 'since' | 'until'> {
  const problems: Record<string, string[]> = {};
  const instant = (name: 'since' | 'until'): Date | null => {
    const text = query[name];
    if (text === undefined) return null;
    const at = parseInstant(text);
    if (!at) problems[name] = [`${text} is not a time that exists`];
    return at;
  };
  const since = instant('since');
  const until = instant('until');
  if (since && until && since > until) problems.until = ['must not be before since'];
  if (Object.keys(problems).length > 0) {
    throw new AppError('invalid_query', 'The time window is not valid', problems);
  }
  return { since, until };
}

/**
 * `GET /api/v1/audit_events`: the studio's security events, newest first. Owners only: the
 * log names every member's addresses and devices.
 */
export async function auditEventRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<'auditEvents'>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/audit_events',
    {
      schema: {
        operationId: 'listAuditEvents',
        summary: "The studio's security events, newest first",
        description:
          'Owners only. Sign-ins (succeeded, failed, throttled), sign-outs, password changes and resets, and revoked sessions of every user of the studio, gallery clients included, each with the IP address and user agent it came from. A failed sign-in is recorded only for an address that has an account (there is no studio to record the others in). Filters apply together: `type` (one type or a comma-separated list), `user_id`, `since` (inclusive) and `until` (exclusive). The list of types grows: treat an unknown one as an event to show by name. Events older than `PROOFSHEET_AUDIT_RETENTION` are deleted.',
        tags: ['Audit'],
        querystring: AuditEventsQuery,
        response: responses({ 200: AuditEventsPage }),
      },
      config: { roles: OWNER },
    },
    async (request, reply) => {
      const window = requestedWindow(request);
      const query = request.query;
      const filter: AuditEventFilter = {
        types: parseAuditEventTypes(query.type),
        userId: query.user_id ?? null,
        ...timeWindow(query),
      };
      const { items, total } = await ctx.storage.auditEvents.list(
        signedIn(request).login.accountId,
        window,
        filter,
      );
      // Addresses and devices of the studio's people: no shared cache may keep them.
      noStore(reply);
      return {
        data: items.map(toAuditEvent),
        meta: listMeta(request, window, total, items.length),
      };
    },
  );
}
