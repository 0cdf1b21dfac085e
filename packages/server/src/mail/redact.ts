/** A link's `token` parameter carrying one of our secrets (32 bytes, base64url). */
const TOKEN_IN_LINK = /([?&]token=)[A-Za-z0-9_-]{43}/g;

/** What a delivered message's links show instead of their token. */
export const REDACTED_TOKEN = 'sent-and-removed';

/**
 * A delivered message's body without the secrets its links carried: the outbox keeps a copy
 * of what was sent, and a copy that still held a live reset token would let whoever reads the
 * outbox use it. Only the recipient's mailbox keeps the working link.
 */
export function redactTokens(body: string): string {
  return body.replace(TOKEN_IN_LINK, `$1${REDACTED_TOKEN}`);
}
