import { randomBytes } from 'node:crypto';
import type { Role } from '@proofsheet/protocol';
import argon2 from 'argon2';
import { ARGON2_OPTIONS } from '../../auth/password.js';
import type { Config } from '../../config/config.js';
import { systemClock, systemRandom } from '../../deps.js';
import type { Storage } from '../../storage/ports/storage.js';
import { seedDemoData } from './demo-data.js';

export interface DemoInfo {
  accounts: Array<{ role: Role; email: string }>;
  password: string;
  generated: boolean;
}

/** Fills an empty database with the demo studio; returns its credentials, or null if not empty. */
export async function ensureDemoData(storage: Storage, config: Config): Promise<DemoInfo | null> {
  if ((await storage.users.count()) > 0) return null;
  const generated = config.demoPassword === null;
  const password = config.demoPassword ?? randomBytes(12).toString('base64url');
  const passwordHash = await argon2.hash(password, ARGON2_OPTIONS);
  const users = await seedDemoData(storage, {
    clock: systemClock,
    random: systemRandom,
    passwordHash,
  });
  return {
    accounts: [users.owner, users.assistant, users.galleryClient].map((u) => ({
      role: u.role,
      email: u.email,
    })),
    password,
    generated,
  };
}
