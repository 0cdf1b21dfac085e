/**
 * One Studio API over the storage `main.ts` composes when REDIS_URL is set (SQLite in a
 * temporary data directory; sessions and counters in Redis under a fresh key prefix), with its
 * services at hand, so that tests can observe the real password hasher it verifies with.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, createServices, type SharedServices } from '../../src/app.js';
import { type Config, testConfig } from '../../src/config/config.js';
import { systemClock, systemRandom } from '../../src/deps.js';
import { createStorage } from '../../src/storage/create-storage.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import { seedUsers } from './cluster.js';
import { recording } from './response-recorder.js';
import type { RedisService } from './services.js';

export interface RedisStudio {
  studio: FastifyInstance;
  storage: Storage;
  services: SharedServices;
  users: Record<'owner' | 'assistant', UserRecord>;
  close(): Promise<void>;
}

/** Only call when `redis.skip` is false. Redis ends windows in real time: the clock is real. */
export async function createRedisStudio(
  redis: RedisService,
  overrides: Partial<Config> = {},
): Promise<RedisStudio> {
  const keyspace = await redis.createKeyspace();
  const dataDir = mkdtempSync(join(tmpdir(), 'proofsheet-redis-studio-'));
  const config = testConfig({ logLevel: 'silent', dataDir, redisUrl: keyspace.url, ...overrides });
  const { storage } = await createStorage(config, { redisKeyPrefix: keyspace.keyPrefix });
  const deps = { config, storage, clock: systemClock, random: systemRandom };
  const services = createServices(deps);
  const users = await seedUsers({ storage, config });
  const studio = await buildApp({ ...deps, services, api: 'studio', ...recording() });
  return {
    studio,
    storage,
    services,
    users,
    async close() {
      await studio.close();
      await storage.close();
      await keyspace.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
