// Sends one photo to the upload endpoint. XMLHttpRequest rather than fetch: its upload progress
// events work in every browser, while a streamed fetch body needs HTTP/2 or newer. The session
// rules (refresh on 401, CSRF token reload) are api.ts's, through withSession.
import type { Photo } from '@proofsheet/protocol';
import {
  type Answer,
  ApiError,
  describeError,
  parseBody,
  unreachableError,
  withSession,
} from './api.js';
import { CSRF_HEADER } from './csrf-token.js';
import { galleryPhotosPath } from './photo-api.js';
import type { Envelope } from './responses.js';
import type { UploadFailure } from './upload-queue.js';

function headersOf(xhr: XMLHttpRequest): Headers {
  const headers = new Headers();
  for (const line of xhr
    .getAllResponseHeaders()
    .trim()
    .split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

function sendOnce(
  url: string,
  file: File,
  csrfToken: string,
  onProgress: (loaded: number) => void,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    xhr.upload.addEventListener('progress', (event) => {
      // The request's bytes include the multipart framing: scale them to the file's own.
      if (event.lengthComputable && event.total > 0) {
        onProgress(Math.round((file.size * event.loaded) / event.total));
      }
    });
    xhr.addEventListener('load', () =>
      resolve({
        status: xhr.status,
        body: parseBody(xhr.status, xhr.responseText),
        headers: headersOf(xhr),
      }),
    );
    xhr.addEventListener('error', () => reject(unreachableError(null)));
    xhr.addEventListener('abort', () => reject(unreachableError(null)));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Uploads one file into a gallery; resolves to the new photo (status `processing`). */
export async function uploadPhoto(
  galleryId: number,
  file: File,
  onProgress: (loaded: number) => void,
): Promise<Photo> {
  const url = galleryPhotosPath(galleryId);
  const body = await withSession<Envelope<Photo>>((csrfToken) =>
    sendOnce(url, file, csrfToken, onProgress),
  );
  return body.data;
}

/** Statuses after which the same file may well go through: the connection, a busy server. */
const RETRYABLE = new Set([0, 408, 425, 429, 500, 502, 503, 504]);

/** What a failed upload means: the server's message, and whether a retry is worth offering. */
export function describeUploadError(error: unknown): UploadFailure {
  if (!(error instanceof ApiError)) return { message: describeError(error), retryable: true };
  // A refused file (too large, not an image, over the quota) says why in the server's words;
  // there are no fields here to point "correct the highlighted fields" at.
  const message = error.is('validation_failed') ? error.message : describeError(error);
  return { message, retryable: RETRYABLE.has(error.status) };
}
