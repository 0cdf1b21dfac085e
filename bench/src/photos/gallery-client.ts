/**
 * The orchestrator as a studio user of the Gallery API: signs in, makes collections and
 * galleries, and uploads files as `multipart/form-data` over `node:http`, streamed from memory
 * in 1 MiB writes as a browser would send a file.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { BENCH_USER } from '../fixtures.js';

export interface Session {
  baseUrl: string;
  cookie: string;
  csrf: string;
}

const CHUNK = 1024 * 1024;

export async function signInGallery(baseUrl: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(BENCH_USER),
  });
  const body = (await response.json()) as { data?: { csrf_token?: string } };
  if (response.status !== 200 || !body.data?.csrf_token) {
    throw new Error(`POST ${baseUrl}/login answered ${response.status}`);
  }
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => c !== '')
    .join('; ');
  return { baseUrl, cookie, csrf: body.data.csrf_token };
}

/** A JSON call with the session; throws unless the status is `expect`. */
export async function api<T>(
  session: Session,
  method: string,
  path: string,
  body?: unknown,
  expect = 200,
): Promise<T> {
  const response = await fetch(`${session.baseUrl}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status !== expect) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return JSON.parse(text) as T;
}

/** A new collection with one gallery; their ids. */
export async function makeGallery(
  session: Session,
  name: string,
): Promise<{ collectionId: number; galleryId: number }> {
  const collection = await api<{ data: { id: number } }>(
    session,
    'POST',
    '/api/v1/collections',
    { name },
    201,
  );
  const gallery = await api<{ data: { id: number } }>(
    session,
    'POST',
    `/api/v1/collections/${collection.data.id}/galleries`,
    { name: 'All photos' },
    201,
  );
  return { collectionId: collection.data.id, galleryId: gallery.data.id };
}

/** One file posted as a form to `url`; resolves with the status and body. */
export function postFile(
  url: string,
  headers: Record<string, string>,
  filename: string,
  bytes: Buffer,
): Promise<{ status: number; body: string }> {
  const boundary = `----proofsheet-bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + bytes.length + tail.length),
        accept: 'application/json',
      },
    });
    req.on('error', reject);
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    });
    void (async () => {
      const write = (chunk: Buffer) =>
        new Promise<void>((ok) => {
          if (req.write(chunk)) ok();
          else req.once('drain', () => ok());
        });
      await write(head);
      for (let at = 0; at < bytes.length; at += CHUNK) {
        await write(bytes.subarray(at, Math.min(bytes.length, at + CHUNK)));
      }
      req.end(tail);
    })();
  });
}

/** Uploads into a gallery; the photo's id and SHA-256, or an error with the answer. */
export async function uploadPhoto(
  session: Session,
  galleryId: number,
  filename: string,
  bytes: Buffer,
): Promise<{ id: number; sha256: string }> {
  const { status, body } = await postFile(
    `${session.baseUrl}/api/v1/galleries/${galleryId}/photos`,
    { cookie: session.cookie, 'x-csrf-token': session.csrf },
    filename,
    bytes,
  );
  if (status !== 201)
    throw new Error(`upload of ${filename} answered ${status}: ${body.slice(0, 300)}`);
  const photo = (JSON.parse(body) as { data: { id: number; sha256: string } }).data;
  return { id: photo.id, sha256: photo.sha256 };
}
