import { PATHS } from '@proofsheet/protocol';
import argon2 from 'argon2';
import { AuditLog } from '../audit/audit-log.js';
import { userEvent } from '../audit/auth-events.js';
import { ARGON2_OPTIONS } from '../auth/password.js';
import { newStudio } from '../auth/sign-up/new-studio.js';
import { hashSecret, newSecret } from '../auth/tokens.js';
import type { Config } from '../config/config.js';
import { type Clock, type Random, systemClock, systemRandom } from '../deps.js';
import { createStorage } from '../storage/create-storage.js';
import type { Storage } from '../storage/ports/storage.js';

export interface CreateStudioArgs {
  name: string | undefined;
  email: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
}

/** What {@link createStudio} made: the owner's one-time link to set a password. */
export interface CreatedStudio {
  accountId: string;
  ownerId: string;
  link: string;
}

/**
 * Makes a studio and its owner, whose password nobody knows, and a single-use link (a reset
 * token, stored as a hash) with which the owner sets one. `null` when a user has the address.
 */
export async function createStudio(
  deps: {
    storage: Pick<Storage, 'signUps' | 'passwordResets' | 'auditEvents' | 'users'>;
    config: Pick<Config, 'verificationLifetimeMs'>;
    clock: Clock;
    random: Random;
  },
  values: { name: string; email: string; firstName: string; lastName: string; linkBase: string },
): Promise<CreatedStudio | null> {
  const { storage, clock, random, config } = deps;
  const now = clock.now();
  // A password no one knows, hashed like any other: sign-in with it is impossible, and the
  // owner chooses theirs with the link.
  const passwordHash = await argon2.hash(newSecret(random), ARGON2_OPTIONS);
  const made = await storage.signUps.createStudio(
    newStudio({ ...values, studioName: values.name, passwordHash, now, random }),
  );
  if (!made) return null;
  const token = newSecret(random);
  // Store only a hash of the token: the printed link is its only copy.
  await storage.passwordResets.create({
    tokenHash: hashSecret(token),
    userId: made.owner.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + config.verificationLifetimeMs),
    usedAt: null,
  });
  await new AuditLog(deps).record(
    { ip: null, userAgent: null },
    userEvent('signup.completed', made.owner, { method: 'command' }),
  );
  return {
    accountId: made.account.id,
    ownerId: made.owner.id,
    link: `${values.linkBase}${PATHS.resetPassword}?token=${token}`,
  };
}

/**
 * `proofsheet-server create-studio --name N --email E`: makes a studio and its owner, and
 * prints the owner's one-time link to set a password. Works whatever `PROOFSHEET_SIGN_UP`
 * says: whoever runs it runs the server. Returns the exit code: 0 done, 1 failed, 2 usage.
 */
export async function createStudioCommand(
  config: Config,
  args: CreateStudioArgs,
  linkBase: string,
): Promise<number> {
  const usage = (message: string) => {
    process.stderr.write(
      `${message}\nUsage: proofsheet-server create-studio --name "Studio name" --email E [--first-name F] [--last-name L]\n`,
    );
    return 2;
  };
  const name = args.name?.trim() ?? '';
  if (name === '' || name.length > 100) return usage('--name must be 1 to 100 characters');
  if (!args.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(args.email)) {
    return usage('--email must be an email address');
  }
  const { storage } = await createStorage(config);
  try {
    const created = await createStudio(
      { storage, config, clock: systemClock, random: systemRandom },
      {
        name,
        email: args.email,
        firstName: args.firstName ?? args.email.split('@')[0] ?? '',
        lastName: args.lastName ?? '',
        linkBase,
      },
    );
    if (!created) {
      process.stderr.write(`A user with the email ${args.email} already exists.\n`);
      return 1;
    }
    const hours = Math.round(config.verificationLifetimeMs / 3_600_000);
    process.stdout.write(
      `Created the studio ${name} (${created.accountId}) and its owner ${args.email}.\nThe owner sets a password with this link (once, within ${hours} hours):\n  ${created.link}\n`,
    );
    return 0;
  } finally {
    await storage.close();
  }
}
