import { isAuthError, isHttpError } from '@proofsheet/client';
import type { ErrorCode } from '@proofsheet/protocol';

/** The CLI's exit codes, as `gh` uses them. */
export const EXIT = {
  ok: 0,
  /** The API answered with an error, or could not be reached. */
  apiError: 1,
  /** The command line was wrong. */
  usage: 2,
  /** Not logged in, or the session could not be renewed: run `proofsheet login`. */
  authRequired: 4,
} as const;

/** A failure that carries its exit code and a message for stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

// Keyed on the error body's code, never on its message text or the bare status.
const LOGIN_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'session_expired',
  'invalid_credentials',
]);

/** Whether the failure means "log in (again)": exit code 4 and the `proofsheet login` hint. */
export function needsLogin(error: unknown): boolean {
  if (isAuthError(error)) return true;
  return isHttpError(error) && error.code !== null && LOGIN_CODES.has(error.code);
}
