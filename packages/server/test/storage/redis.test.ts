import { after } from 'node:test';
import { redisCounterStore } from '../../src/storage/redis/counter-store.js';
import { closeRedis, connectRedis } from '../../src/storage/redis/redis-client.js';
import { redisSessionStore } from '../../src/storage/redis/session-store.js';
import { describeCounterStore } from '../contracts/counter-store.contract.js';
import { describeSessionStore } from '../contracts/session-store.contract.js';
import { redisService } from '../helpers/services.js';

const redis = await redisService();
const keyspace = redis.skip ? null : await redis.createKeyspace();
after(() => keyspace?.drop());

describeSessionStore(
  'Redis',
  async (timeouts) => {
    const client = await connectRedis(redis.url);
    const keyPrefix = keyspace?.keyPrefix ?? '';
    return {
      store: redisSessionStore(client, { keyPrefix, ...timeouts }),
      close: () => closeRedis(client),
    };
  },
  { skip: redis.skip },
);

describeCounterStore(
  'Redis',
  async () => {
    const client = await connectRedis(redis.url);
    const keyPrefix = keyspace?.keyPrefix ?? '';
    return { store: redisCounterStore(client, { keyPrefix }), close: () => closeRedis(client) };
  },
  { skip: redis.skip },
);
