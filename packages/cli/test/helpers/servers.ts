/**
 * Both APIs over SQLite :memory: with a manual clock, listening on 127.0.0.1 (real sockets),
 * with an owner to sign in as and a counter of session refreshes (rotations) on the server.
 */
import { newId, type Role } from '@proofsheet/protocol';
import {
  buildApp,
  type Config,
  createServices,
  type ManualClock,
  manualClock,
  openSqlite,
  type Storage,
  systemRandom,
  testConfig,
  type UserRecord,
} from '@proofsheet/server';

export const PASSWORD = 'correct horse battery staple';

export interface Servers {
  studioUrl: string;
  galleryUrl: string;
  storage: Storage;
  clock: ManualClock;
  config: Config;
  users: Record<Role, UserRecord>;
  /** How many times the server rotated an auth token (refreshes that reached storage). */
  rotations(): number;
  close(): Promise<void>;
}

export async function startServers(overrides: Partial<Config> = {}): Promise<Servers> {
  const config = testConfig({ logLevel: 'silent', ...overrides });
  const { storage } = await openSqlite(':memory:');
  const clock = manualClock();
  const random = systemRandom;
  let rotations = 0;
  const rotate = storage.sessions.rotate.bind(storage.sessions);
  storage.sessions.rotate = (hash, next) => {
    rotations++;
    return rotate(hash, next);
  };
  const services = createServices({ config, storage, clock, random });
  const accountId = newId('account', random.bytes);
  await storage.accounts.create({
    id: accountId,
    name: 'Test Studio',
    subdomain: 'teststudio',
    plan: 'pro',
    timezone: 'UTC',
    currency: 'USD',
    locale: 'en-US',
    createdAt: clock.now(),
  });
  const passwordHash = await services.passwords.hash(PASSWORD);
  const users = {} as Record<Role, UserRecord>;
  for (const role of ['owner', 'assistant', 'gallery_client'] as const) {
    const user: UserRecord = {
      id: newId('user', random.bytes),
      accountId,
      email: `${role.replace('_', '-')}@example.com`,
      firstName: role,
      lastName: 'Tester',
      role,
      passwordHash,
      createdAt: clock.now(),
    };
    await storage.users.create(user);
    users[role] = user;
  }
  const deps = { config, storage, clock, random, services };
  const studio = await buildApp({ ...deps, api: 'studio' });
  const gallery = await buildApp({ ...deps, api: 'gallery' });
  const studioUrl = await studio.listen({ host: '127.0.0.1', port: 0 });
  const galleryUrl = await gallery.listen({ host: '127.0.0.1', port: 0 });
  return {
    studioUrl,
    galleryUrl,
    storage,
    clock,
    config,
    users,
    rotations: () => rotations,
    async close() {
      await studio.close();
      await gallery.close();
      await storage.close();
    },
  };
}
