import type { FastifyInstance } from 'fastify';
import type { AuthContext } from '../auth/context.js';
import { APP_HOME } from '../auth/login-routes.js';
import { csrfTokenFor } from '../auth/tokens.js';
import { APP_CSS } from './assets.js';
import { escapeHtml, layout } from './html.js';

/** Pages: the stylesheet, and the landing page after sign-in. */
export async function webRoutes(app: FastifyInstance, ctx: AuthContext): Promise<void> {
  app.get('/assets/app.css', { config: { auth: 'none' } }, async (_request, reply) => {
    return reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(APP_CSS);
  });

  app.get('/', { config: { auth: 'none' } }, async (_request, reply) =>
    reply.redirect(APP_HOME, 302),
  );

  app.get(APP_HOME, { config: { auth: 'optional' } }, async (request, reply) => {
    if (!request.auth) return reply.redirect(`/login?next=${encodeURIComponent(APP_HOME)}`, 303);
    const user = await ctx.storage.users.findById(request.auth.login.userId);
    const csrf = csrfTokenFor(request.auth.sessionId);
    reply.header('cache-control', 'no-store');
    const name = user ? `${user.firstName} ${user.lastName}` : '';
    const body = `<main class="auth"><div class="card">
<h1>Signed in</h1>
<p>You are signed in as <strong>${escapeHtml(name)}</strong> (${escapeHtml(user?.email ?? '')}).</p>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${escapeHtml(csrf)}"><button type="submit">Sign out</button></form>
</div></main>`;
    return reply
      .type('text/html; charset=utf-8')
      .send(layout({ title: 'Proofsheet', csrfToken: csrf, body }));
  });
}
