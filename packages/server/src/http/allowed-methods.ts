import type { FastifyInstance } from 'fastify';

interface KnownRoute {
  pattern: RegExp;
  methods: Set<string>;
}

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `/api/v1/clients/:id` → a regex where each parameter is one non-empty segment. */
function compile(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : literal(segment)))
    .join('/');
  return new RegExp(`^${source}$`);
}

/**
 * The methods each path takes, learned from the routes as they are registered, so that a
 * known path with another method gets 405 and an `Allow` header rather than 404 (or a 400 about
 * an empty ID when `PUT /clients/` reaches the `/clients/:id` route).
 */
export class AllowedMethods {
  private readonly routes = new Map<string, KnownRoute>();

  /** Records routes from now on; call before any route is added. */
  watch(app: FastifyInstance): void {
    app.addHook('onRoute', (route) => {
      if (route.url === '*' || route.url.includes('*')) return;
      let known = this.routes.get(route.url);
      if (!known) {
        known = { pattern: compile(route.url), methods: new Set() };
        this.routes.set(route.url, known);
      }
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const m of methods) known.methods.add(m.toUpperCase());
    });
  }

  /** The methods that a decoded path takes, sorted; empty when no route has that path. */
  for(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes.values()) {
      if (route.pattern.test(path)) for (const m of route.methods) methods.add(m);
    }
    // OPTIONS (CORS preflight) is answered everywhere, so it says nothing about the path.
    methods.delete('OPTIONS');
    return [...methods].sort();
  }
}
