/**
 * What a user would otherwise pick: Express 5, express-session and a SQLite session store,
 * with the same login (argon2id, the server's settings) and the same page of 25 clients read
 * from SQLite on every request.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import express from 'express';
import session from 'express-session';
import type { TargetServer } from '../control.js';
import { BENCH_USER, benchStudio } from '../fixtures.js';
import { type ClientRecord, loadServer } from '../server-modules.js';
import { closeServer, listenLocal } from './listen.js';
import { clientPage } from './page-body.js';
import { baselineHasher } from './password-check.js';
import { SqliteSessionStore } from './sqlite-session-store.js';

declare module 'express-session' {
  interface SessionData {
    userId: string;
    accountId: string;
  }
}

const SESSION_MS = 12 * 3_600_000;

export async function startExpressBaseline(): Promise<TargetServer> {
  const server = await loadServer();
  const hasher = baselineHasher(server);
  const studio = benchStudio(await hasher.hash(BENCH_USER.password));

  const dir = mkdtempSync(join(tmpdir(), 'proofsheet-bench-express-'));
  const db = new BetterSqlite3(join(dir, 'express.db'));
  // WAL with synchronous=NORMAL: the usual advice for better-sqlite3, and kinder to this
  // baseline than Proofsheet's synchronous=FULL (no fsync per commit).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'create table clients (id text primary key, account_id text not null, created_at integer not null, record text not null)',
  );
  db.exec('create index clients_account on clients (account_id, created_at desc, id desc)');
  const insert = db.prepare('insert into clients values (?, ?, ?, ?)');
  db.transaction(() => {
    for (const c of studio.clients) {
      insert.run(c.id, c.accountId, c.createdAt.getTime(), JSON.stringify(c));
    }
  })();
  const pageStmt = db.prepare<[string], { record: string }>(
    'select record from clients where account_id = ? order by created_at desc, id desc limit 25',
  );
  const countStmt = db.prepare<[string], { n: number }>(
    'select count(*) as n from clients where account_id = ?',
  );
  const store = new SqliteSessionStore(db);

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());
  app.use(
    session({
      name: 'session_cookie',
      secret: randomBytes(32).toString('hex'),
      resave: false,
      saveUninitialized: false,
      store,
      cookie: { httpOnly: true, sameSite: 'lax', maxAge: SESSION_MS },
    }),
  );

  app.post('/login', async (req, res) => {
    const body = req.body as { email?: unknown; password?: unknown } | undefined;
    const known = body?.email === studio.user.email;
    const ok = await hasher.verify(known ? studio.user.passwordHash : null, String(body?.password));
    if (!known || !ok) {
      res.status(401).json({ error: 'Unauthorized' });
      return;
    }
    // Regenerate on login: prevents session fixation.
    req.session.regenerate((error) => {
      if (error) {
        res.status(500).json({ error: 'Server Error' });
        return;
      }
      req.session.userId = studio.user.id;
      req.session.accountId = studio.user.accountId;
      res.json({ data: { user: { id: studio.user.id, email: studio.user.email } } });
    });
  });

  app.get('/api/v1/clients/', (req, res) => {
    const accountId = req.session.accountId;
    if (!accountId) {
      res.status(401).json({ error: 'Unauthorized', message: 'Session expired or invalid' });
      return;
    }
    const rows = pageStmt.all(accountId).map((row) => {
      const c = JSON.parse(row.record) as ClientRecord & { createdAt: string; updatedAt: string };
      return { ...c, createdAt: new Date(c.createdAt), updatedAt: new Date(c.updatedAt) };
    });
    const total = countStmt.get(accountId)?.n ?? 0;
    res.json(clientPage(server, rows, total));
  });

  const http = createServer(app);
  const port = await listenLocal(http);
  return {
    port,
    description:
      'Express 5, express-session, SQLite store (better-sqlite3, WAL, synchronous=NORMAL)',
    sessionWrites: () => store.writes,
    async seedSessions(count) {
      const expires = new Date(Date.now() + SESSION_MS);
      function* sessions(): Generator<[string, session.SessionData]> {
        for (let i = 0; i < count; i++) {
          const cookie = { originalMaxAge: SESSION_MS, expires, httpOnly: true, path: '/' };
          yield [
            randomBytes(24).toString('base64url'),
            { cookie, userId: studio.user.id, accountId: studio.user.accountId },
          ];
        }
      }
      return store.fill(sessions());
    },
    async close() {
      await closeServer(http);
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
