import { after } from 'node:test';
import { memoryLockStore } from '../../src/storage/memory-locks.js';
import { redisLockStore } from '../../src/storage/redis/lock-store.js';
import { closeRedis, connectRedis } from '../../src/storage/redis/redis-client.js';
import { describeLockStore } from '../contracts/lock-store.contract.js';
import { redisService } from '../helpers/services.js';

describeLockStore('memory', async () => {
  const store = memoryLockStore();
  return { store, other: store, close: async () => {} };
});

const redis = await redisService();
const keyspace = redis.skip ? null : await redis.createKeyspace();
after(() => keyspace?.drop());

describeLockStore(
  'Redis (two connections)',
  async () => {
    const [one, two] = await Promise.all([connectRedis(redis.url), connectRedis(redis.url)]);
    const keyPrefix = keyspace?.keyPrefix ?? '';
    return {
      store: redisLockStore(one, { keyPrefix }),
      other: redisLockStore(two, { keyPrefix }),
      close: async () => {
        await Promise.all([closeRedis(one), closeRedis(two)]);
      },
    };
  },
  { skip: redis.skip },
);
