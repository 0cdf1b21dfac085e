/** Why a photo was refused. Each is the uploader's fault, never a server fault. */
export type PhotoErrorReason = 'unsupported_type' | 'too_many_pixels' | 'corrupt_image';

/**
 * The one error the photo pipeline throws. A route maps it to 415 (`unsupported_type`) or 422
 * (the others); nothing in sharp or exifr escapes as an untyped error.
 */
export class PhotoError extends Error {
  constructor(
    readonly reason: PhotoErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PhotoError';
  }
}

/** Whether the thrown value is a {@link PhotoError}. */
export function isPhotoError(error: unknown): error is PhotoError {
  return error instanceof PhotoError;
}
