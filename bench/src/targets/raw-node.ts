/**
 * The ceiling: a bare `node:http` server that checks the session cookie against an in-memory
 * Map and serializes the same 25 clients on every request. No framework, no database.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { TargetServer } from '../control.js';
import { BENCH_USER, benchStudio } from '../fixtures.js';
import { loadServer } from '../server-modules.js';
import { closeServer, listenLocal } from './listen.js';
import { clientPage } from './page-body.js';
import { baselineHasher } from './password-check.js';

const COOKIE = 'session_cookie';

function sessionIdOf(request: IncomingMessage): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function json(response: ServerResponse, status: number, body: unknown, headers = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export async function startRawNode(): Promise<TargetServer> {
  const server = await loadServer();
  const hasher = baselineHasher(server);
  const studio = benchStudio(await hasher.hash(BENCH_USER.password));
  const page = clientPage(server, studio.clients, studio.clients.length);
  const sessions = new Map<string, { userId: string }>();
  let writes = 0;

  async function login(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body: { email?: unknown; password?: unknown };
    try {
      body = JSON.parse(await readBody(request)) as typeof body;
    } catch {
      json(response, 400, { error: 'Bad Request' });
      return;
    }
    const known = body.email === studio.user.email;
    const ok = await hasher.verify(known ? studio.user.passwordHash : null, String(body.password));
    if (!known || !ok) {
      json(response, 401, { error: 'Unauthorized' });
      return;
    }
    const id = randomBytes(32).toString('base64url');
    sessions.set(id, { userId: studio.user.id });
    writes += 1;
    json(
      response,
      200,
      { data: { user: { id: studio.user.id, email: studio.user.email } } },
      { 'set-cookie': `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax` },
    );
  }

  const http = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/api/v1/clients/') {
      const id = sessionIdOf(request);
      if (id === null || !sessions.has(id)) {
        json(response, 401, { error: 'Unauthorized', message: 'Session expired or invalid' });
        return;
      }
      json(response, 200, page);
      return;
    }
    if (request.method === 'POST' && request.url === '/login') {
      login(request, response).catch(() => json(response, 500, { error: 'Server Error' }));
      return;
    }
    json(response, 404, { error: 'Not Found' });
  });
  const port = await listenLocal(http);

  return {
    port,
    description: 'node:http, sessions in a Map, page serialized per request',
    sessionWrites: () => writes,
    async seedSessions(count) {
      for (let i = 0; i < count; i++) {
        sessions.set(randomBytes(32).toString('base64url'), { userId: studio.user.id });
      }
      return count;
    },
    close: () => closeServer(http),
  };
}
