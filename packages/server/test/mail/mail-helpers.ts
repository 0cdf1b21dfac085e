import type { OutboxRecord } from '../../src/storage/ports/outbox-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';

/** Polls `check` until it returns a value (or `timeoutMs` passes): jobs run in the background. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined>,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The newest message of the account's outbox once it has `status`. */
export function outboxMessage(
  storage: Storage,
  accountId: string,
  status: OutboxRecord['status'],
): Promise<OutboxRecord> {
  return eventually(async () => {
    const { items } = await storage.outbox.list(accountId, { offset: 0, limit: 1 });
    return items[0]?.status === status ? items[0] : null;
  }, `a ${status} message in the outbox`);
}

/** The token of a link to `path` (a reset link, by default) in a message body. */
export function tokenIn(text: string, path = '/reset-password'): string {
  const match = new RegExp(`${path}\\?token=([A-Za-z0-9_-]{43})`).exec(text);
  if (!match?.[1]) throw new Error(`No ${path} link in:\n${text}`);
  return match[1];
}

/** The newest message to `to`, once sent, of the outbox of `accountId`. */
export function sentTo(storage: Storage, accountId: string, to: string): Promise<OutboxRecord> {
  return eventually(async () => {
    const { items } = await storage.outbox.list(accountId, { offset: 0, limit: 20 });
    const found = items.find((m) => m.to === to);
    return found?.status === 'sent' ? found : null;
  }, `a sent message to ${to}`);
}
