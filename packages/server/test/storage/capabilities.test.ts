/**
 * In-process caches of sessions and clients are allowed only where this process alone writes
 * them: with PostgreSQL or Redis, other instances must see a logout at their next request.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { testConfig } from '../../src/config/config.js';
import { composeStorage } from '../../src/storage/compose-storage.js';
import { createStorage } from '../../src/storage/create-storage.js';
import { closeRedis, connectRedis } from '../../src/storage/redis/redis-client.js';
import { openSqlite } from '../../src/storage/sqlite.js';
import { openSqliteStorage } from '../helpers/open-storage.js';
import { postgresService, redisService } from '../helpers/services.js';

const dir = mkdtempSync(join(tmpdir(), 'proofsheet-capabilities-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const redis = await redisService();
const postgres = await postgresService();

test('SQLite alone is exclusive; so is a private :memory: database', async () => {
  const { storage } = await createStorage(testConfig({ dataDir: join(dir, 'alone') }));
  assert.equal(storage.capabilities.exclusive, true);
  await storage.close();
  const memory = await openSqliteStorage(':memory:');
  assert.equal(memory.capabilities.exclusive, true);
  await memory.close();
});

test('storage over a SQLite file is exclusive only when its caller says so', async () => {
  const file = join(dir, 'composed.db');
  const shared = await openSqliteStorage(file);
  assert.equal(shared.capabilities.exclusive, false);
  await shared.close();
  const owned = await openSqliteStorage(file, { exclusive: true });
  assert.equal(owned.capabilities.exclusive, true);
  await owned.close();
});

test('storage with Redis cannot be made exclusive', { skip: redis.skip }, async () => {
  const connection = await openSqlite(':memory:');
  const client = await connectRedis(redis.url);
  try {
    const backing = { client, keyPrefix: 'capabilities:', sessionAbsoluteMs: 1, sessionIdleMs: 1 };
    assert.throws(
      () => composeStorage(connection, { exclusive: true, redis: backing }),
      /cannot be exclusive/,
    );
    const storage = composeStorage(connection, { redis: backing });
    assert.equal(storage.capabilities.exclusive, false);
    assert.deepEqual(await storage.health(), { sqlite: true, blobs: true, redis: true });
  } finally {
    await connection.close();
    await closeRedis(client);
  }
});

test('SQLite with REDIS_URL is not exclusive', { skip: redis.skip }, async () => {
  const config = testConfig({ dataDir: join(dir, 'redis'), redisUrl: redis.url });
  const { storage } = await createStorage(config);
  assert.equal(storage.capabilities.exclusive, false);
  await storage.close();
});

test('PostgreSQL is not exclusive', { skip: postgres.skip }, async () => {
  const schema = await postgres.createSchema();
  try {
    const config = testConfig({ databaseUrl: schema.url });
    const { storage } = await createStorage(config, { postgresSearchPath: schema.schema });
    assert.equal(storage.capabilities.exclusive, false);
    await storage.close();
  } finally {
    await schema.drop();
  }
});
