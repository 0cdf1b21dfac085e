import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** Where the browsable API reference is: outside `/api/`, so reading it needs no session. */
export const DOCS_PATH = '/docs';

/** A request as Swagger UI hands it to its interceptor; `web/assets/api-docs.ts` types it. */
type DocsRequest = Record<string, unknown>;

/**
 * Swagger UI's request interceptor. The plugin sends it to the browser as its source text, so
 * it may use nothing from this module: it loads the typed page script that does the work (its
 * module is cached after the first request) and lets it add the CSRF token.
 */
const requestInterceptor = (request: DocsRequest): Promise<DocsRequest> =>
  import('/assets/api-docs.js' as string).then(
    (docs: { withCsrfToken(r: DocsRequest): DocsRequest }) => docs.withCsrfToken(request),
  );

/** The top bar's name, in place of the plugin's logo (which it would read from disk). */
const LOGO = {
  type: 'image/svg+xml',
  content:
    '<svg xmlns="http://www.w3.org/2000/svg" width="150" height="40" viewBox="0 0 150 40"><text x="0" y="28" fill="#ffffff" font-family="sans-serif" font-size="24" font-weight="700">Proofsheet</text></svg>',
  href: '/app/',
};

/**
 * The API reference at `/docs`: Swagger UI, its scripts and styles served from the installed
 * package (no CDN, so it works offline and under `script-src 'self'`), reading this API's
 * document. "Try it out" calls this origin with the browser's session cookie, and adds the
 * CSRF token to unsafe requests, so a signed-in person can call the API from the page. Its
 * static files are read from the package when asked for, as a static file server does.
 */
export async function registerApiDocs(app: FastifyInstance, title: string): Promise<void> {
  await app.register(fastifySwaggerUi, {
    routePrefix: DOCS_PATH,
    uiConfig: {
      deepLinking: true,
      displayOperationId: true,
      displayRequestDuration: true,
      requestInterceptor,
    },
    theme: { title },
    logo: LOGO,
  });
}
