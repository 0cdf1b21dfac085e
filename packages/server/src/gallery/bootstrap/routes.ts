import { Bootstrap, Envelope } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { toProfile } from '../../auth/profile.js';
import { signedIn } from '../../auth/signed-in.js';
import { AppError } from '../../http/app-error.js';
import { publicBase } from '../../http/public-base.js';
import { responses } from '../../http/responses.js';
import { formatTimestamp } from '../../http/timestamp.js';
import type { AccountRecord } from '../../storage/ports/account-store.js';

/** A date format for a locale, in the tokens the Gallery app uses. */
export function dateFormatFor(locale: string): string {
  return locale === 'en-US' ? 'MM/DD/YYYY' : 'DD/MM/YYYY';
}

/** The workspace settings the Gallery app starts with, from the account. */
function workspaceOf(account: AccountRecord): Bootstrap['workspace'] {
  return {
    name: account.name,
    timezone: account.timezone,
    currency: account.currency,
    locale: account.locale,
    date_format: dateFormatFor(account.locale),
    // Not stored per account yet: these are the defaults a new Pixieset account has.
    watermark_enabled: false,
    default_download: true,
  };
}

/** `GET /api/v1/data/bootstrap`: what the Gallery app loads at start-up. Any signed-in role. */
export async function bootstrapRoutes(
  app: FastifyInstance,
  ctx: ResourceContext<'accounts' | 'users'>,
): Promise<void> {
  const schema = {
    operationId: 'getBootstrap',
    summary: 'The account, user, custom URL and workspace settings the Gallery app starts with',
    tags: ['Bootstrap'],
    response: responses({ 200: Envelope(Bootstrap) }),
  };
  app.get('/data/bootstrap', { schema }, async (request): Promise<{ data: Bootstrap }> => {
    const { login } = signedIn(request);
    const [account, user] = await Promise.all([
      ctx.storage.accounts.findById(login.accountId),
      ctx.storage.users.findMember(login.accountId, login.userId),
    ]);
    // A session outlived its user or account: it proves nothing any more.
    if (!account || !user) throw new AppError('session_expired');
    return {
      data: {
        account: {
          id: account.id,
          name: account.name,
          plan: account.plan,
          created_at: formatTimestamp(account.createdAt),
        },
        user: toProfile(user),
        custom_url: {
          subdomain: account.subdomain,
          domain: null,
          // Where this server's galleries are, never a third party's host.
          url: publicBase(ctx.config.publicGalleryUrl, request),
        },
        workspace: workspaceOf(account),
      },
    };
  });
}
