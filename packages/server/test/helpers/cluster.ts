/**
 * Several Proofsheet instances over the real PostgreSQL and Redis, each with its own pool,
 * Redis connection and services (nothing shared in memory), listening on its own port.
 */
import { newId } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import { buildApp, createServices } from '../../src/app.js';
import { type Config, testConfig } from '../../src/config/config.js';
import { systemClock, systemRandom } from '../../src/deps.js';
import { createStorage } from '../../src/storage/create-storage.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import { PASSWORD } from './harness.js';
import { recording } from './response-recorder.js';
import { type Availability, postgresService, redisService } from './services.js';

/** Where a test run's instances keep their state: a fresh schema and a fresh key prefix. */
export interface Backing {
  databaseUrl: string;
  redisUrl: string;
  schema: string;
  keyPrefix: string;
}

export interface Instance {
  url: string;
  app: FastifyInstance;
  storage: Storage;
  config: Config;
  close(): Promise<void>;
}

/** Finds both services; `create()` makes a backing that `drop()` removes. */
export async function backingServices(): Promise<{
  skip: Availability;
  create(): Promise<Backing & { drop(): Promise<void> }>;
}> {
  const [postgres, redis] = await Promise.all([postgresService(), redisService()]);
  const skip = postgres.skip || redis.skip;
  return {
    skip,
    async create() {
      const schema = await postgres.createSchema();
      const keyspace = await redis.createKeyspace();
      return {
        databaseUrl: schema.url,
        redisUrl: keyspace.url,
        schema: schema.schema,
        keyPrefix: keyspace.keyPrefix,
        drop: async () => {
          await Promise.all([schema.drop(), keyspace.drop()]);
        },
      };
    },
  };
}

/** Starts one instance of the Studio API (or the Gallery API) on a port of its own. */
export async function startInstance(
  backing: Backing,
  overrides: Partial<Config> = {},
  options: { api?: 'studio' | 'gallery' } = {},
): Promise<Instance> {
  const config = testConfig({
    logLevel: 'silent',
    databaseUrl: backing.databaseUrl,
    redisUrl: backing.redisUrl,
    rateLimitIp: 100_000,
    ...overrides,
  });
  const { storage } = await createStorage(config, {
    redisKeyPrefix: backing.keyPrefix,
    postgresSearchPath: backing.schema,
  });
  const app = await buildApp({
    api: options.api ?? 'studio',
    config,
    storage,
    clock: systemClock,
    random: systemRandom,
    ...recording(),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    storage,
    config,
    async close() {
      await app.close();
      await storage.close();
    },
  };
}

/** Creates an account with an owner and an assistant, all with {@link PASSWORD}. */
export async function seedUsers(
  instance: Pick<Instance, 'storage' | 'config'>,
): Promise<Record<'owner' | 'assistant', UserRecord>> {
  const { storage, config } = instance;
  const services = createServices({ config, storage, clock: systemClock, random: systemRandom });
  const accountId = newId('account', systemRandom.bytes);
  const now = new Date();
  await storage.accounts.create({
    id: accountId,
    name: 'Scale-out Studio',
    subdomain: `scale${accountId.slice(-8).toLowerCase()}`,
    plan: 'pro',
    timezone: 'UTC',
    currency: 'USD',
    locale: 'en-US',
    createdAt: now,
  });
  const passwordHash = await services.passwords.hash(PASSWORD);
  const users = {} as Record<'owner' | 'assistant', UserRecord>;
  for (const role of ['owner', 'assistant'] as const) {
    const user: UserRecord = {
      id: newId('user', systemRandom.bytes),
      accountId,
      email: `${role}-${accountId.slice(-6).toLowerCase()}@example.com`,
      firstName: role,
      lastName: 'Scale',
      role,
      passwordHash,
      createdAt: now,
    };
    await storage.users.create(user);
    users[role] = user;
  }
  return users;
}
