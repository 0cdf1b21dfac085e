import { isRole, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newId } from '@proofsheet/protocol';
import argon2 from 'argon2';
import { ARGON2_OPTIONS } from '../auth/password.js';
import { requireStrongPassword } from '../auth/password-rules.js';
import type { Config } from '../config/config.js';
import { systemClock, systemRandom } from '../deps.js';
import { isAppError } from '../http/app-error.js';
import { createStorage } from '../storage/create-storage.js';

/** Reads all of stdin: the password comes from there, never from argv, where `ps` shows it. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface CreateUserArgs {
  email: string | undefined;
  role: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
}

/**
 * `proofsheet-server create-user --email E --role R`: adds a user to the studio's account.
 * Returns the exit code: 0 done, 1 failed, 2 usage.
 */
export async function createUserCommand(config: Config, args: CreateUserArgs): Promise<number> {
  const usage = (message: string) => {
    process.stderr.write(
      `${message}\nUsage: echo "$PASSWORD" | proofsheet-server create-user --email E --role owner|assistant|gallery_client [--first-name F] [--last-name L]\n`,
    );
    return 2;
  };
  if (!args.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(args.email)) {
    return usage('--email must be an email address');
  }
  if (!args.role || !isRole(args.role)) {
    return usage('--role must be owner, assistant or gallery_client');
  }
  if (process.stdin.isTTY) process.stderr.write('Password (then Ctrl-D): ');
  const password = (await readStdin()).replace(/\r?\n$/, '');
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    return usage(
      `The password on stdin must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
    );
  }
  const { storage } = await createStorage(config);
  try {
    const account = await storage.accounts.findFirst();
    if (!account) {
      process.stderr.write('No studio account exists yet: run `npm start` once to create it.\n');
      return 1;
    }
    try {
      requireStrongPassword(password, {
        email: args.email,
        firstName: args.firstName ?? null,
        lastName: args.lastName ?? null,
        studioName: account.name,
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    const user = await storage.users.create({
      id: newId('user', systemRandom.bytes),
      accountId: account.id,
      email: args.email,
      firstName: args.firstName ?? args.email.split('@')[0] ?? '',
      lastName: args.lastName ?? '',
      role: args.role,
      passwordHash: await argon2.hash(password, ARGON2_OPTIONS),
      createdAt: systemClock.now(),
    });
    if (!user) {
      process.stderr.write(`A user with the email ${args.email} already exists.\n`);
      return 1;
    }
    process.stdout.write(`Created ${args.role} ${args.email} (${user.id}) in ${account.name}.\n`);
    return 0;
  } finally {
    await storage.close();
  }
}
