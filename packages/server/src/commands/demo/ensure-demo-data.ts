import { randomBytes } from 'node:crypto';
import type { Role } from '@proofsheet/protocol';
import argon2 from 'argon2';
import { ARGON2_OPTIONS } from '../../auth/password.js';
import type { Config } from '../../config/config.js';
import { systemClock, systemRandom } from '../../deps.js';
import type { Storage } from '../../storage/ports/storage.js';
import { addDemoPhotos, type DemoPhotosOutcome } from './add-demo-photos.js';
import { seedDemoData } from './demo-data.js';

export interface DemoInfo {
  accounts: Array<{ role: Role; email: string }>;
  password: string;
  generated: boolean;
  /**
   * The demo photos, being drawn and stored in the background from now on so that start-up
   * does not wait for them. Never rejects.
   */
  photos: Promise<DemoPhotosOutcome>;
}

/** Fills an empty database with the demo studio; returns its credentials, or null if not empty. */
export async function ensureDemoData(storage: Storage, config: Config): Promise<DemoInfo | null> {
  if ((await storage.users.count()) > 0) return null;
  const generated = config.demoPassword === null;
  const password = config.demoPassword ?? randomBytes(12).toString('base64url');
  const passwordHash = await argon2.hash(password, ARGON2_OPTIONS);
  const seed = await seedDemoData(storage, {
    clock: systemClock,
    random: systemRandom,
    passwordHash,
  });
  const photos = config.demoPhotos
    ? addDemoPhotos(seed.galleries, {
        storage,
        config,
        clock: systemClock,
        random: systemRandom,
        uploaderId: seed.owner.id,
      })
    : Promise.resolve({ added: 0, error: null });
  return {
    accounts: [seed.owner, seed.assistant, seed.galleryClient].map((u) => ({
      role: u.role,
      email: u.email,
    })),
    password,
    generated,
    photos,
  };
}
