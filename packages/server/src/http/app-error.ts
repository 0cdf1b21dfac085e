import { ERRORS, type ErrorCode } from '@proofsheet/protocol';

/**
 * The one error type routes throw. The error handler turns it into the seed's body, with the
 * status from the protocol's table.
 */
export class AppError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: Record<string, string[]>,
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.statusCode = ERRORS[code].status;
  }
}

/** Whether the thrown value is an {@link AppError}. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
