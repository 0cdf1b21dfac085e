import type { Config } from '../config/config.js';
import { clientErrorResponder, frameworkErrorResponder } from './error-handler.js';
import { MAX_PARAM_LENGTH } from './path-params.js';

/** Node's own timeout options, which must also reach an HTTPS server's constructor. */
export function nodeServerTimeouts(config: Pick<Config, 'headersTimeoutMs' | 'requestTimeoutMs'>) {
  return {
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    // Node looks for expired requests on this interval (30 s by default), so a timeout could
    // otherwise run 30 s late.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, config.headersTimeoutMs / 4)),
  };
}

/**
 * The options of both APIs' Fastify instances that decide how the raw HTTP layer treats
 * hostile clients: body size, slow headers and bodies (slowloris), idle keep-alive, and the
 * JSON error body for what the router and Node's parser refuse.
 */
export function serverOptions(
  config: Pick<
    Config,
    'bodyLimit' | 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs'
  >,
  securityHeaders: Readonly<Record<string, string>>,
) {
  return {
    bodyLimit: config.bodyLimit,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    http: nodeServerTimeouts(config),
    frameworkErrors: frameworkErrorResponder(securityHeaders),
    clientErrorHandler: clientErrorResponder(securityHeaders),
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: MAX_PARAM_LENGTH },
  };
}
