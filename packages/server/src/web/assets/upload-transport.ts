// Sends one photo to the server over tus, the resumable upload protocol the server speaks at
// /api/v1/uploads: the upload is created once, its bytes appended from where the server says
// they stopped, so a dropped connection (or a Retry) sends only what is missing. The last
// append answers the photo, as the multipart upload does. XMLHttpRequest, for its upload
// progress events; the session rules (refresh on 401, CSRF token reload) are api.ts's.
import type { Photo } from '@proofsheet/protocol';
import {
  type Answer,
  ApiError,
  answerWithSession,
  describeError,
  parseBody,
  unreachableError,
} from './api.js';
import { CSRF_HEADER } from './csrf-token.js';
import type { Envelope } from './responses.js';
import type { UploadFailure } from './upload-queue.js';

const UPLOADS_PATH = '/api/v1/uploads';
const TUS_HEADERS = { 'Tus-Resumable': '1.0.0' } as const;
/** Bytes per append: a proxy's body limit is rarely below this, and progress is kept at each. */
const CHUNK_BYTES = 16 * 1024 * 1024;
/** Waits before resuming by itself after a dropped connection; then the person may Retry. */
const RESUME_AFTER_MS = [1000, 3000];

/** Where each file's upload lives on the server once created, so that a retry resumes it. */
const created = new WeakMap<File, string>();

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

interface XhrRequest {
  method: 'HEAD' | 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body?: Blob;
  onProgress?: (loaded: number) => void;
}

/** One request by XMLHttpRequest; a connection that fails is an ApiError of status 0. */
function send(request: XhrRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(request.method, request.url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    const { onProgress } = request;
    if (onProgress) {
      xhr.upload.addEventListener('progress', (event) => onProgress(event.loaded));
    }
    xhr.addEventListener('load', () =>
      resolve({
        status: xhr.status,
        body: parseBody(xhr.status, xhr.responseText),
        headers: headersOf(xhr),
      }),
    );
    xhr.addEventListener('error', () => reject(unreachableError(null)));
    xhr.addEventListener('abort', () => reject(unreachableError(null)));
    xhr.send(request.body ?? null);
  });
}

/** One tus request by the session's rules, carrying the CSRF token and the tus version. */
function tus(request: Omit<XhrRequest, 'headers'> & { headers?: Record<string, string> }) {
  return answerWithSession((csrfToken) =>
    send({
      ...request,
      headers: {
        Accept: 'application/json',
        ...TUS_HEADERS,
        ...(request.method === 'HEAD' ? {} : { [CSRF_HEADER]: csrfToken }),
        ...request.headers,
      },
    }),
  );
}

/** `Upload-Metadata`: each key with its value in base64 (of its UTF-8 bytes). */
export function tusMetadata(pairs: Readonly<Record<string, string>>): string {
  return Object.entries(pairs)
    .map(([key, value]) => {
      const bytes = new TextEncoder().encode(value);
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return `${key} ${btoa(binary)}`;
    })
    .join(',');
}

function offsetOf(answer: Answer): number {
  const offset = Number(answer.headers.get('Upload-Offset'));
  if (!Number.isInteger(offset) || offset < 0) {
    throw new ApiError(502, { message: 'The server did not say how much of the file it has' });
  }
  return offset;
}

/** Where the server's upload of this file stands: its address and offset, or null if gone. */
async function resumePoint(file: File): Promise<{ url: string; offset: number } | null> {
  const url = created.get(file);
  if (!url) return null;
  try {
    return { url, offset: offsetOf(await tus({ method: 'HEAD', url })) };
  } catch (error) {
    // Expired or removed (404, 410): start again from nothing.
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
      created.delete(file);
      return null;
    }
    throw error;
  }
}

/** Creates the upload; a file of no bytes is finished (or refused) at once. */
async function create(galleryId: number, file: File): Promise<Answer> {
  const answer = await tus({
    method: 'POST',
    url: UPLOADS_PATH,
    headers: {
      'Upload-Length': String(file.size),
      'Upload-Metadata': tusMetadata({ gallery_id: String(galleryId), filename: file.name }),
    },
  });
  const location = answer.headers.get('Location');
  if (location) created.set(file, new URL(location, window.location.href).pathname);
  return answer;
}

async function sendRest(
  galleryId: number,
  file: File,
  onProgress: (loaded: number) => void,
): Promise<Photo> {
  let point = await resumePoint(file);
  if (!point) {
    const answer = await create(galleryId, file);
    if (answer.status === 200) return (answer.body as Envelope<Photo>).data;
    const url = created.get(file);
    if (!url) throw new ApiError(502, { message: 'The server did not say where to upload to' });
    point = { url, offset: 0 };
  }
  let { offset } = point;
  let conflicts = 0;
  onProgress(offset);
  for (;;) {
    const start = offset;
    let answer: Answer;
    try {
      answer = await tus({
        method: 'PATCH',
        url: point.url,
        headers: {
          'Upload-Offset': String(start),
          'Content-Type': 'application/offset+octet-stream',
        },
        body: file.slice(start, Math.min(file.size, start + CHUNK_BYTES)),
        onProgress: (loaded) => onProgress(start + loaded),
      });
    } catch (error) {
      // 409: the server has more or less than we said (a browser that sent the request again
      // by itself after a reset connection, say): ask it where it is, and go on from there.
      if (!(error instanceof ApiError && error.status === 409) || ++conflicts > 3) throw error;
      offset = offsetOf(await tus({ method: 'HEAD', url: point.url }));
      onProgress(offset);
      continue;
    }
    // The last append answers the photo; the others, how much the server has.
    if (answer.status === 200) {
      created.delete(file);
      return (answer.body as Envelope<Photo>).data;
    }
    offset = offsetOf(answer);
    onProgress(offset);
  }
}

/**
 * Uploads one file into a gallery; resolves to the new photo (status `processing`). A dropped
 * connection is resumed by itself a couple of times, from what the server already has; after
 * that the error is thrown, and calling this again with the same file resumes it.
 */
export async function uploadPhoto(
  galleryId: number,
  file: File,
  onProgress: (loaded: number) => void,
): Promise<Photo> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await sendRest(galleryId, file, onProgress);
    } catch (error) {
      const wait = RESUME_AFTER_MS[attempt];
      if (!(error instanceof ApiError) || error.status !== 0 || wait === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Statuses after which the same file may well go through: the connection, a busy server. */
const RETRYABLE = new Set([0, 408, 409, 425, 429, 500, 502, 503, 504]);

/** What a failed upload means: the server's message, and whether a retry is worth offering. */
export function describeUploadError(error: unknown): UploadFailure {
  if (!(error instanceof ApiError)) return { message: describeError(error), retryable: true };
  // A refused file (too large, not an image, over the quota) says why in the server's words;
  // there are no fields here to point "correct the highlighted fields" at.
  const message = error.is('validation_failed') ? error.message : describeError(error);
  return { message, retryable: RETRYABLE.has(error.status) };
}
