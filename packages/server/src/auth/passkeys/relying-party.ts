import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config/config.js';
import { selfOrigin } from '../origin-check.js';

/** Who passkeys are made for and where their answers may come from, for one request. */
export interface RelyingParty {
  /** The domain passkeys are bound to. */
  id: string;
  /** The origins a browser's answer may name. */
  origins: readonly string[];
}

/**
 * The relying party of a request: the configured RP ID and origins, else this API's own origin
 * as its forms are judged by (the public URL, or the Host header). A Host header an attacker
 * sets cannot help them: a passkey answers only for the RP ID it was made for, and the browser
 * writes the origin it really is on into what the authenticator signs.
 */
export function relyingParty(
  config: Pick<Config, 'webauthnRpId' | 'webauthnOrigins'>,
  request: FastifyRequest,
  options: { publicOrigin: string | null; secure: boolean },
): RelyingParty {
  const own = selfOrigin(request, options);
  return {
    id: config.webauthnRpId ?? new URL(own).hostname,
    origins: config.webauthnOrigins.length > 0 ? config.webauthnOrigins : [own],
  };
}
