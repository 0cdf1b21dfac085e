/**
 * An express-session store over better-sqlite3, as a user would write one in a few lines:
 * one table, sid → JSON and an expiry. Counts its writes (set and touch).
 */
import type BetterSqlite3 from 'better-sqlite3';
import session from 'express-session';

type Callback = (error?: unknown) => void;

export class SqliteSessionStore extends session.Store {
  writes = 0;
  private readonly getStmt: BetterSqlite3.Statement<[string, number], { sess: string }>;
  private readonly setStmt: BetterSqlite3.Statement<[string, string, number]>;
  private readonly touchStmt: BetterSqlite3.Statement<[number, string]>;
  private readonly destroyStmt: BetterSqlite3.Statement<[string]>;

  constructor(private readonly db: BetterSqlite3.Database) {
    super();
    db.exec(
      'create table if not exists sessions (sid text primary key, sess text not null, expires integer not null)',
    );
    this.getStmt = db.prepare('select sess from sessions where sid = ? and expires > ?');
    this.setStmt = db.prepare(
      'insert into sessions (sid, sess, expires) values (?, ?, ?) on conflict(sid) do update set sess = excluded.sess, expires = excluded.expires',
    );
    this.touchStmt = db.prepare('update sessions set expires = ? where sid = ?');
    this.destroyStmt = db.prepare('delete from sessions where sid = ?');
  }

  private static expiry(data: session.SessionData): number {
    return data.cookie.expires ? new Date(data.cookie.expires).getTime() : Date.now() + 86_400_000;
  }

  override get(sid: string, callback: (error: unknown, data?: session.SessionData | null) => void) {
    try {
      const row = this.getStmt.get(sid, Date.now());
      callback(null, row ? (JSON.parse(row.sess) as session.SessionData) : null);
    } catch (error) {
      callback(error);
    }
  }

  override set(sid: string, data: session.SessionData, callback?: Callback) {
    try {
      this.writes += 1;
      this.setStmt.run(sid, JSON.stringify(data), SqliteSessionStore.expiry(data));
      callback?.();
    } catch (error) {
      callback?.(error);
    }
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback) {
    try {
      this.writes += 1;
      this.touchStmt.run(SqliteSessionStore.expiry(data), sid);
      callback?.();
    } catch (error) {
      callback?.(error);
    }
  }

  override destroy(sid: string, callback?: Callback) {
    try {
      this.destroyStmt.run(sid);
      callback?.();
    } catch (error) {
      callback?.(error);
    }
  }

  /** Inserts many sessions in one transaction, for the "100,000 sessions" measure. */
  fill(sessions: Iterable<[string, session.SessionData]>): number {
    let n = 0;
    this.db.transaction(() => {
      for (const [sid, data] of sessions) {
        this.setStmt.run(sid, JSON.stringify(data), SqliteSessionStore.expiry(data));
        n += 1;
      }
    })();
    return n;
  }
}
