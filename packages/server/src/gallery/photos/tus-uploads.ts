import {
  ERRORS as API_ERRORS,
  type ErrorCode,
  errorBody,
  HEADERS,
  type Photo,
} from '@proofsheet/protocol';
import { Server } from '@tus/server';
import { ERRORS, Metadata, type Upload } from '@tus/utils';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { API_V1 } from '../../http/api-path.js';
import { AppError, isAppError } from '../../http/app-error.js';
import { requireNumericId } from '../../http/path-ids.js';
import { STAFF } from '../../http/role-sets.js';
import { memoryLockStore } from '../../storage/memory-locks.js';
import { isStorageUnavailable } from '../../storage/unavailable.js';
import { type Viewer, viewerOf } from '../viewer.js';
import { type ReadableGallery, readableGallery } from './access.js';
import { ingestOriginal } from './ingest.js';
import { type TusLockerOptions, tusLocker } from './tus-locker.js';
import { tusDataStore } from './tus-store.js';
import { uploadFilename } from './upload-filename.js';
import { toPhoto } from './view.js';

/** The stores the tus routes use. */
export type TusStores =
  | 'accounts'
  | 'collections'
  | 'galleries'
  | 'photos'
  | 'blobs'
  | 'jobs'
  | 'locks';

/** How long unfinished uploads are kept, and how requests for one take turns. */
export interface TusOptions {
  /** An unfinished upload untouched for this long is deleted. @default one day */
  expiryMs?: number;
  /** The leases on uploads in use. @default tusLocker's defaults */
  locks?: TusLockerOptions;
}

/** Metadata keys the server writes itself: a client's values for them are dropped. */
const SERVER_KEYS = ['account_id', 'user_id'] as const;
/** Upload IDs as `@tus/server` names them: 32 hex digits. */
const UPLOAD_ID = /^[0-9a-f]{32}$/;

/** A tus refusal: the status, and our JSON error body. */
function refusal(code: ErrorCode, message: string, status: number) {
  return { status_code: status, body: JSON.stringify(errorBody(code, message)) };
}

/** Our body for the tus errors that would otherwise be a bare 500. */
function lockRefusal(error: unknown) {
  if (error === ERRORS.ERR_LOCK_TIMEOUT) {
    return refusal('conflict', 'Another request is using this upload; retry in a moment', 409);
  }
  if (isStorageUnavailable(error)) {
    const { status, message } = API_ERRORS.service_unavailable;
    return refusal('service_unavailable', message, status);
  }
  return undefined;
}

/** The refusal for an error thrown while a finished upload becomes a photo. */
function refusalOf(error: unknown) {
  if (isAppError(error)) return refusal(error.code, error.message, error.statusCode);
  throw error;
}

/**
 * Resumable uploads over the tus protocol (1.0.0, with the creation, termination and
 * expiration extensions), for the large files a dropped connection would otherwise make the
 * photographer send again from the start. `POST /api/v1/uploads` with `Upload-Metadata`
 * naming `gallery_id` and `filename` creates one; `PATCH /api/v1/uploads/{id}` appends; the
 * last `PATCH` answers `200 {"data": photo}`: the same photo a multipart upload makes.
 *
 * Our guard runs first, as on every route: the session, CSRF on unsafe methods, staff only.
 * The account and user that created an upload are written into its metadata by the server (a
 * client's values for them are dropped), and every later request for it must come from the
 * same account: another studio's upload is a 404 like one that does not exist.
 */
export async function tusUploadRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<TusStores>,
  options: TusOptions = {},
): Promise<{ deleteExpired(): Promise<number> }> {
  const expiryMs = options.expiryMs ?? 24 * 60 * 60 * 1000;
  const datastore = tusDataStore(ctx.config, expiryMs);
  const tus = new Server({
    path: `${API_V1}/uploads`,
    datastore,
    // Leases shared by every instance when the storage has Redis: one request per upload at once.
    locker: tusLocker(ctx.storage.locks ?? memoryLockStore(), options.locks),
    onResponseError: (_req, error) => lockRefusal(error),
    maxSize: ctx.config.maxUploadBytes,
    relativeLocation: true,
    respectForwardedHeaders: ctx.config.trustedProxies.length > 0,
    // CORS as the rest of the API has it: the configured origins only, with credentials.
    allowedOrigins: [...ctx.config.corsOrigins],
    allowedCredentials: true,
    allowedHeaders: [HEADERS.csrfToken, HEADERS.xsrfToken],
    exposedHeaders: ['Location'],
    disableTerminationForFinishedUploads: true,
    async onUploadFinish(_req, upload) {
      try {
        const photo = await finish(upload);
        return {
          status_code: 200,
          headers: { 'Content-Type': 'application/json; charset=utf-8' },
          body: JSON.stringify({ data: photo }),
        };
      } finally {
        // Made into a photo, or refused for good (not an image, over the quota): either way
        // the partial file has done its work.
        await datastore.remove(upload.id).catch(() => undefined);
      }
    },
  });

  async function finish(upload: Upload): Promise<Photo> {
    const meta = upload.metadata ?? {};
    const accountId = meta.account_id;
    const userId = meta.user_id;
    if (!accountId || !userId) throw refusal('bad_request', 'The upload has no owner', 400);
    const viewer: Viewer = { accountId, userId };
    let target: ReadableGallery;
    try {
      const galleryId = requireNumericId('gallery', meta.gallery_id ?? '');
      target = await readableGallery(ctx, viewer, galleryId);
    } catch (error) {
      throw refusalOf(error);
    }
    const source = await datastore.read(upload.id);
    try {
      const { photo } = await ingestOriginal(ctx, {
        viewer,
        gallery: target.gallery,
        collection: target.collection,
        filename: uploadFilename(meta.filename ?? meta.name ?? undefined),
        source,
      });
      return toPhoto(photo, { cover: false, original: true });
    } catch (error) {
      throw refusalOf(error);
    }
  }

  /** The upload named in the path, if it is this account's; otherwise a 404. */
  async function ownUpload(request: FastifyRequest, accountId: string): Promise<void> {
    const id = (request.params as { uploadId?: string }).uploadId ?? '';
    const missing = new AppError('not_found', `No upload found with ID: ${id.slice(0, 40)}`);
    if (!UPLOAD_ID.test(id)) throw missing;
    let upload: Upload;
    try {
      upload = await datastore.getUpload(id);
    } catch {
      throw missing;
    }
    if (upload.metadata?.account_id !== accountId) throw missing;
  }

  /** Writes who is uploading into the metadata, over anything the client said of it. */
  function stampOwner(request: FastifyRequest, viewer: Viewer): void {
    const header = request.raw.headers['upload-metadata'];
    let given: Record<string, string | null>;
    try {
      given = Metadata.parse(typeof header === 'string' ? header : undefined);
    } catch {
      throw new AppError('bad_request', 'Upload-Metadata is not valid tus metadata');
    }
    for (const key of SERVER_KEYS) delete given[key];
    const galleryId = given.gallery_id;
    if (!galleryId) {
      throw new AppError('bad_request', 'Upload-Metadata must name the gallery_id to upload to');
    }
    const stamped = Metadata.stringify({
      ...given,
      account_id: viewer.accountId,
      user_id: viewer.userId,
    });
    // tus builds its request from the raw header list, so that is where it must change.
    const raw = request.raw.rawHeaders;
    const kept: string[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i] ?? '';
      if (name.toLowerCase() !== 'upload-metadata') kept.push(name, raw[i + 1] ?? '');
    }
    raw.splice(0, raw.length, ...kept, 'Upload-Metadata', stamped);
    request.raw.headers['upload-metadata'] = stamped;
  }

  async function hand(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.hijack();
    await tus.handle(request.raw, reply.raw);
  }

  const tusBody = ['application/offset+octet-stream'] as const;
  // tus streams the body itself: Fastify must leave it unread.
  scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) =>
    done(null),
  );

  scope.route({
    method: 'POST',
    url: '/uploads',
    schema: { hide: true },
    config: { roles: STAFF, bodyTypes: tusBody },
    async handler(request, reply) {
      const viewer = await viewerOf(ctx, signedIn(request));
      stampOwner(request, viewer);
      const meta = Metadata.parse(request.raw.headers['upload-metadata'] as string);
      uploadFilename(meta.filename ?? meta.name ?? undefined);
      // The name and the gallery are checked now, so a wrong one is refused before any byte is sent, and
      // again when the upload ends, in case it was deleted meanwhile.
      await readableGallery(ctx, viewer, requireNumericId('gallery', meta.gallery_id ?? ''));
      await hand(request, reply);
    },
  });

  scope.route({
    method: ['HEAD', 'PATCH', 'DELETE'],
    url: '/uploads/:uploadId',
    schema: { hide: true },
    config: { roles: STAFF, bodyTypes: tusBody },
    async handler(request, reply) {
      await ownUpload(request, signedIn(request).login.accountId);
      await hand(request, reply);
    },
  });

  return { deleteExpired: () => datastore.deleteExpired() };
}
