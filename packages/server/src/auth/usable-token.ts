import {
  type SingleUseToken,
  type TokenRefusal,
  tokenRefusal,
} from '../storage/ports/single-use-token.js';
import { hashSecret, isSecretShaped } from './tokens.js';

/**
 * The record of a link's single-use token if it can be used at `now`, else why not. Looked up
 * by the token's hash (the tables hold no token), and only when it has the shape of ours.
 */
export async function usableToken<R extends SingleUseToken>(
  token: string,
  find: (tokenHash: string) => Promise<R | null>,
  now: Date,
): Promise<R | TokenRefusal> {
  if (!isSecretShaped(token)) return 'unknown';
  const found = await find(hashSecret(token));
  return tokenRefusal(found, now) ?? (found as R);
}
