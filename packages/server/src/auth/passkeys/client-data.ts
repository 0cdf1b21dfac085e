/**
 * The challenge a browser's answer is about, read from its `clientDataJSON` before anything is
 * verified, to find the challenge we stored (by hash). Verification then checks the rest, the
 * challenge included, so nothing here is trusted: a value that is not a challenge finds none.
 */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    if (typeof data !== 'object' || data === null || !('challenge' in data)) return null;
    const { challenge } = data;
    return typeof challenge === 'string' && /^[A-Za-z0-9_-]{16,200}$/.test(challenge)
      ? challenge
      : null;
  } catch {
    return null;
  }
}
