/**
 * Builders for the share-link tests: links made through the API as the studio would, visitors
 * entering as a JSON client would, ready photos (helpers/photos.ts), and the image probe
 * described below.
 */
import assert from 'node:assert/strict';
import { COOKIE_NAMES, type CreatedShareLink, type VisitorEntered } from '@proofsheet/protocol';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { readablePhoto } from '../../src/gallery/photos/access.js';
import { requestViewer } from '../../src/gallery/viewer.js';
import { AppError } from '../../src/http/app-error.js';
import type { PhotoRecord } from '../../src/storage/ports/photo-store.js';
import type { Credentials, Harness } from './harness.js';
import { addPhoto as addStoredPhoto } from './photos.js';

/** Creates a share link through the Gallery API and returns it, with its one sight of the URL. */
export async function createShareLink(
  h: Harness,
  creds: Credentials,
  collectionId: number,
  body: Record<string, unknown> = {},
): Promise<CreatedShareLink> {
  const res = await h.gallery.inject({
    method: 'POST',
    url: `/api/v1/collections/${collectionId}/share_links`,
    headers: creds.headers,
    payload: body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ data: CreatedShareLink }>().data;
}

/** The secret token at the end of a link's URL. */
export function tokenOf(link: CreatedShareLink): string {
  const token = new URL(link.url).pathname.split('/').pop();
  assert.ok(token, `no token in ${link.url}`);
  return token;
}

/** A visitor's cookie and CSRF token, ready to send with `inject()`. */
export interface VisitorCredentials {
  cookie: string;
  csrf: string;
  visitorId: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

/** `POST /s/{token}` as a JSON client; the raw response. */
export function enter(
  app: FastifyInstance,
  token: string,
  body: Record<string, unknown>,
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: `/s/${token}`, payload: body });
}

/** Enters a link as a JSON client and returns the visitor's credentials. */
export async function enterAs(
  h: Harness,
  link: CreatedShareLink,
  body: Record<string, unknown> = { email: 'grandma@example.com' },
): Promise<VisitorCredentials> {
  const res = await enter(h.gallery, tokenOf(link), body);
  assert.equal(res.statusCode, 200, res.body);
  const cookie = (res.cookies as Array<{ name: string; value: string }>).find(
    // `__Host-visitor_session` when the site is HTTPS.
    (c) => c.name.endsWith(COOKIE_NAMES.visitor),
  );
  assert.ok(cookie, 'the visitor cookie is set');
  const { data } = res.json<VisitorEntered>();
  const header = `${cookie.name}=${cookie.value}`;
  return {
    cookie: header,
    csrf: data.csrf_token,
    visitorId: data.visitor.id,
    headers: { cookie: header, 'x-csrf-token': data.csrf_token },
  };
}

/** A ready photo in a gallery given as the API shows it (see helpers/photos.ts). */
export async function addPhoto(
  h: Harness,
  gallery: { id: number; collection_id: number },
  filename?: string,
): Promise<PhotoRecord> {
  const photo = await addStoredPhoto(h, {
    galleryId: gallery.id,
    collectionId: gallery.collection_id,
    ...(filename !== undefined ? { filename } : {}),
  });
  assert.equal(photo.status, 'ready', photo.statusReason ?? 'processed');
  return photo;
}

/** Where the probe serves a photo's preview. */
export function probeUrl(photoId: number): string {
  return `/test-probe/photos/${photoId}/preview.jpg`;
}

/**
 * Registers, on the harness's Gallery API before it is ready, a route that serves a photo's
 * preview bytes the way every image route must: it lets visitors in (`config.visitors`), and
 * on every request asks `requestViewer` who is asking and `readablePhoto` whether they may see
 * it. The image routes themselves are another part of the photo work; once they are merged,
 * these tests should fetch their URLs instead. Call before the first `inject()`.
 */
export function registerImageProbe(h: Harness): void {
  h.gallery.get(
    '/test-probe/photos/:photoId/preview.jpg',
    { config: { visitors: true, auth: 'required' }, schema: { hide: true } },
    async (request, reply) => {
      const { photoId } = request.params as { photoId: string };
      const viewer = await requestViewer(h, request);
      const { photo } = await readablePhoto(h, viewer, Number(photoId));
      const preview = photo.derivatives.find((d) => d.size === 'preview' && d.format === 'jpeg');
      const stream = preview ? await h.storage.blobs.get(preview.sha256) : null;
      if (!preview || !stream) throw new AppError('not_found', 'The preview is not stored');
      return reply.header('cache-control', 'private, no-cache').type('image/jpeg').send(stream);
    },
  );
}
