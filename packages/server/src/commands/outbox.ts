import type { Config } from '../config/config.js';
import { NO_STUDIO } from '../mail/queue-mail.js';
import { createStorage } from '../storage/create-storage.js';

export interface OutboxArgs {
  to: string | undefined;
  limit: string | undefined;
}

/** How many messages are read at most, newest first, before `--to` keeps some. */
const SCANNED = 500;

/**
 * `proofsheet-server outbox [--to E] [--limit N]`: prints the newest emails kept for no studio
 * (sign-up links and notes to people who have no studio yet, a taken address's notice), text
 * and links. Studio owners read their studio's mail on the outbox page; these have no owner,
 * so on a server without SMTP the operator reads them here. A delivered message keeps no link
 * secret (see `mail/redact.ts`), so what SMTP sent is printed without one. Returns the exit
 * code: 0 done, 2 usage.
 */
export async function outboxCommand(config: Config, args: OutboxArgs): Promise<number> {
  const limit = args.limit === undefined ? 10 : Number(args.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    process.stderr.write(
      '--limit must be a whole number from 1 to 100\nUsage: proofsheet-server outbox [--to E] [--limit N]\n',
    );
    return 2;
  }
  const { storage } = await createStorage(config);
  try {
    const { items } = await storage.outbox.list(NO_STUDIO, { offset: 0, limit: SCANNED });
    const to = args.to?.toLowerCase();
    const shown = items
      .filter((m) => to === undefined || m.to.toLowerCase() === to)
      .slice(0, limit);
    if (shown.length === 0) {
      process.stdout.write(
        to === undefined ? 'No email kept for no studio.\n' : `No email kept for ${args.to}.\n`,
      );
      return 0;
    }
    for (const m of shown) {
      process.stdout.write(
        `${m.createdAt.toISOString()}  ${m.status}  to ${m.to}\nSubject: ${m.subject}\n\n${m.text.trimEnd()}\n\n---\n`,
      );
    }
    return 0;
  } finally {
    await storage.close();
  }
}
