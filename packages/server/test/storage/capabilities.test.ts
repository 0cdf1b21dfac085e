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
import { createStorage } from '../../src/storage/create-storage.js';
import { openSqlite } from '../../src/storage/sqlite.js';
import { postgresService, redisService } from '../helpers/services.js';

const dir = mkdtempSync(join(tmpdir(), 'proofsheet-capabilities-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const redis = await redisService();
const postgres = await postgresService();

test('SQLite alone is exclusive; so is a private :memory: database', async () => {
  const { storage } = await createStorage(testConfig({ dataDir: join(dir, 'alone') }));
  assert.equal(storage.capabilities.exclusive, true);
  await storage.close();
  const memory = await openSqlite(':memory:');
  assert.equal(memory.storage.capabilities.exclusive, true);
  await memory.storage.close();
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
