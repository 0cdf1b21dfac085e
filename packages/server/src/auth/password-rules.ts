import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { AppError } from '../http/app-error.js';

/**
 * The lowest zxcvbn score a new password may have: 3 is "safely unguessable: moderate
 * protection from offline slow-hash attacks" (about 10^8 guesses and up), which our argon2id
 * hashes are.
 */
const MIN_SCORE = 3;

/** Built once: the dictionaries take a moment to load, and checking is then fast. */
let factory: ZxcvbnFactory | null = null;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** What a password must not be built from: the person's own details and the studio's. */
export interface PasswordContext {
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  studioName?: string | null;
}

/** The words of the context, as zxcvbn takes "user inputs": each part of the email too. */
function contextWords(context: PasswordContext): string[] {
  const [local = '', domain = ''] = context.email.toLowerCase().split('@');
  return [
    context.email.toLowerCase(),
    local,
    ...local.split(/[._+-]+/),
    ...domain.split('.'),
    context.firstName ?? '',
    context.lastName ?? '',
    ...(context.studioName ?? '').toLowerCase().split(/\s+/),
    'proofsheet',
    'pixieset',
  ].filter((w) => w.length >= 3);
}

/**
 * Refuses a new password that is common, guessable, or built from the person's own details,
 * as NIST SP 800-63B asks (length and a blocklist, no composition rules: the schema already
 * holds the length). Throws 422 `validation_failed` on `field`, with zxcvbn's advice in words.
 * Signing in is never checked: an existing password keeps working.
 */
export function requireStrongPassword(
  password: string,
  context: PasswordContext,
  field = 'password',
): void {
  const result = estimator().check(password, contextWords(context));
  if (result.score >= MIN_SCORE) return;
  const advice = [result.feedback.warning, ...result.feedback.suggestions]
    .filter((s): s is string => typeof s === 'string' && s !== '')
    .join(' ');
  const why = advice || 'It would be guessed too easily.';
  throw new AppError('validation_failed', `The password is too easy to guess. ${why}`, {
    [field]: [`is too easy to guess: ${why}`],
  });
}
