import fastifyMultipart, { type Multipart } from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Envelope, Photo, PhotoUploadForm } from '@proofsheet/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { AppError } from '../../http/app-error.js';
import { streamedBody } from '../../http/openapi/document.js';
import { requireNumericId } from '../../http/path-ids.js';
import { GalleryParams } from '../../http/path-params.js';
import { responses } from '../../http/responses.js';
import { STAFF } from '../../http/role-sets.js';
import { viewerOf } from '../viewer.js';
import { readableGallery } from './access.js';
import {
  assertRoomFor,
  createPhotoOf,
  discardOriginal,
  type StoredOriginal,
  storeOriginal,
  tooLarge,
} from './ingest.js';
import { uploadFilename } from './upload-filename.js';
import { toPhoto } from './view.js';

/** The stores uploads use. */
export type UploadStores = 'accounts' | 'collections' | 'galleries' | 'photos' | 'blobs' | 'jobs';

/** Room for the form around the file (boundaries, part headers, the `sha256` field). */
const FORM_OVERHEAD = 16 * 1024;

const FORM_RULE = 'The form takes one `file` part, after an optional `sha256` field';

/** A part that is neither `sha256` nor `file`. */
function unknownPart(name: string): AppError {
  return new AppError('validation_failed', FORM_RULE, { [name]: ['is not a field of this form'] });
}

/**
 * What the multipart parser threw, as the API answers it: its limits (a second file or field)
 * are a form that breaks the rule; anything else is a malformed or truncated body.
 */
function formError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string } | null)?.code ?? '';
  if (['FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PARTS_LIMIT'].includes(code)) {
    return new AppError('validation_failed', FORM_RULE, { file: ['only one file per upload'] });
  }
  if (code === 'FST_INVALID_JSON_FIELD_ERROR') {
    return new AppError('validation_failed', FORM_RULE, { sha256: ['must be plain text'] });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('bad_request', `The multipart body is malformed or cut short (${reason})`);
}

/**
 * A refusal before the whole body was read: the connection closes after the answer, rather
 * than have the server read (and throw away) the rest of a large file.
 */
function closing(reply: FastifyReply, error: unknown): never {
  reply.header('connection', 'close');
  throw error;
}

/**
 * `POST /api/v1/galleries/{galleryId}/photos`: a photo or video uploaded as
 * `multipart/form-data`, streamed into the blob store as it arrives.
 */
export async function photoUploadRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<UploadStores>,
): Promise<void> {
  // Only this scope parses multipart; every other API route stays JSON-only.
  await scope.register(fastifyMultipart, { throwFileSizeLimit: false });
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const limit = ctx.config.maxUploadBytes;

  app.post(
    '/galleries/:galleryId/photos',
    {
      schema: {
        operationId: 'uploadPhoto',
        summary: 'Upload a photo or video into a gallery',
        description: [
          'Staff only. `multipart/form-data` with the file in the part `file` (its name in the',
          "part's `filename`), streamed to storage as it arrives. To have the file verified, send",
          'its SHA-256 (lowercase hex) in a field `sha256` before `file`: a file that differs is',
          'refused with 422 `digest_mismatch`. The type is judged by the bytes (JPEG, PNG, WebP,',
          'TIFF, HEIC, AVIF, MP4, MOV; else 415 `unsupported_file_type`), never by the name or the',
          "part's Content-Type. A file over the server's limit gets 413 `payload_too_large`; one",
          "that does not fit in the account's quota, 413 `quota_exceeded`. The photo is answered",
          "`processing` and its sizes are made in the background, a video's from its poster frame",
          '(`ready`, or `failed` with a `status_reason`). A refused upload keeps nothing.',
        ].join(' '),
        tags: ['Photos'],
        params: GalleryParams,
        consumes: ['multipart/form-data'],
        ...streamedBody(PhotoUploadForm),
        response: responses({ 201: Envelope(Photo) }, { body: true, found: true }),
      },
      config: { roles: STAFF, bodyTypes: ['multipart/form-data'] },
    },
    async (request, reply) => {
      const viewer = await viewerOf(ctx, signedIn(request));
      const galleryId = requireNumericId('gallery', request.params.galleryId);
      const { gallery, collection } = await readableGallery(ctx, viewer, galleryId);
      // The early checks, before a byte of the file is read: the declared length tells.
      const declared = Number(request.headers['content-length']);
      if (Number.isSafeInteger(declared)) {
        if (declared > limit + FORM_OVERHEAD) closing(reply, tooLarge(limit));
        await assertRoomFor(ctx, viewer.accountId, Math.max(0, declared - FORM_OVERHEAD)).catch(
          (error: unknown) => closing(reply, error),
        );
      }
      if (!request.isMultipart()) {
        throw new AppError('validation_failed', `The upload has no body. ${FORM_RULE}.`, {
          file: ['is required'],
        });
      }

      let expectedSha256: string | undefined;
      let filename: string | null = null;
      let original: StoredOriginal | null = null;
      try {
        let parts: AsyncIterator<Multipart>;
        try {
          parts = request
            .parts({
              limits: {
                fields: 1,
                fieldSize: 256,
                fieldNameSize: 100,
                files: 1,
                parts: 2,
                headerPairs: 20,
                // One byte over the limit reaches the blob store, which refuses it (413).
                fileSize: limit + 1,
              },
            })
            [Symbol.asyncIterator]();
        } catch (error) {
          throw formError(error);
        }
        for (;;) {
          const next = await parts.next().catch((error: unknown) => {
            throw formError(error);
          });
          if (next.done) break;
          const part = next.value;
          if (part.type === 'field') {
            if (part.fieldname !== 'sha256') throw unknownPart(part.fieldname);
            const value = typeof part.value === 'string' ? part.value.trim().toLowerCase() : '';
            if (!/^[0-9a-f]{64}$/.test(value)) {
              throw new AppError('validation_failed', FORM_RULE, {
                sha256: ['must be a SHA-256 in hex (64 digits)'],
              });
            }
            expectedSha256 = value;
            continue;
          }
          if (part.fieldname !== 'file') {
            part.file.destroy();
            throw unknownPart(part.fieldname);
          }
          try {
            filename = uploadFilename(part.filename);
          } catch (error) {
            part.file.destroy();
            throw error;
          }
          original = await storeOriginal(ctx, {
            source: part.file,
            ...(expectedSha256 ? { expectedSha256 } : {}),
          });
        }
      } catch (error) {
        if (original) await discardOriginal(ctx, original);
        closing(reply, error);
      }
      if (!original) {
        throw new AppError('validation_failed', FORM_RULE, { file: ['is required'] });
      }

      const { photo, queueError } = await createPhotoOf(ctx, {
        viewer,
        gallery,
        collection,
        filename,
        original,
      });
      if (queueError) {
        request.log.warn(
          { err: queueError, photoId: photo.id },
          'photo stored, but its processing job was not: start-up reconciliation queues it',
        );
      }
      const covers = await ctx.storage.photos.coversOf(viewer.accountId, [gallery.id], {
        visibleOnly: false,
      });
      const cover = covers.get(gallery.id)?.id === photo.id;
      return reply.code(201).send({ data: toPhoto(photo, { cover, original: true }) });
    },
  );
}
