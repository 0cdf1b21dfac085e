/**
 * The server as the bench uses it: `@proofsheet/server`'s public exports, nothing internal.
 * Loaded on demand by the targets (`loadServer()`), so the orchestrator, which only measures,
 * never loads the server, its native modules or its hash pool.
 */
import { createRequire } from 'node:module';

export type {
  AccountRecord,
  ClientQuery,
  ClientRecord,
  ClientStore,
  Config,
  LoginRecord,
  PasswordHasher,
  SessionStore,
  Storage,
  UserRecord,
} from '@proofsheet/server';

/** `@proofsheet/server`'s exports. */
export type ServerModules = typeof import('@proofsheet/server');

/**
 * The server's thread-pool preload, as `proofsheet-server` runs it: Proofsheet targets are
 * forked with `--require` of it, since libuv's pool starts before any module of theirs runs.
 */
export const START_THREAD_POOL = createRequire(import.meta.url).resolve(
  '@proofsheet/server/start-thread-pool',
);

/** Loads the server. */
export function loadServer(): Promise<ServerModules> {
  return import('@proofsheet/server');
}
