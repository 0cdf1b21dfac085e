import type { FastifyRequest } from 'fastify';
import type { AuthContext } from './context.js';
import { selfOrigin } from './origin-check.js';

/**
 * Where links in emails sent for a request point: the configured public URL of the API it
 * came to, never the Host header alone (whoever asks chooses it: a poisoned link would hand
 * them the recipient's token).
 */
export function emailLinkBase(request: FastifyRequest, ctx: AuthContext): string {
  const configured =
    (ctx.api === 'gallery' ? ctx.config.publicGalleryUrl : null) ?? ctx.config.publicStudioUrl;
  // Without one (outbox mode only: SMTP requires it), the owner reads the link on this host.
  return configured ?? selfOrigin(request, ctx);
}
