import { PHOTO_SIZES, PhotoImageQuery, type PhotoSize } from '@proofsheet/protocol';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { AppError } from '../../http/app-error.js';
import {
  noneMatch,
  parseRange,
  type RangeAnswer,
  rangeStillValid,
  strongEtag,
} from '../../http/byte-range.js';
import { requireNumericId } from '../../http/path-ids.js';
import { MAX_PARAM_LENGTH, PhotoParams } from '../../http/path-params.js';
import { type ContentResponse, responses } from '../../http/responses.js';
import { STAFF } from '../../http/role-sets.js';
import { SmallBlobCache } from '../../storage/blobs/small-blob-cache.js';
import type { DerivativeRef } from '../../storage/ports/photo-store.js';
import { requestViewer } from '../viewer.js';
import { collectionMark, markedDerivative } from '../watermarks/marks.js';
import { isStudio, visiblePhoto } from './access.js';
import { derivativeVersion, FORMAT_EXTENSIONS } from './view.js';

/** The stores image routes use: the access check's, the blobs, and the watermark's. */
export type ImageStores = 'accounts' | 'photos' | 'blobs' | 'watermarks';

/**
 * Derivatives are addressed by content (`?v=`): a cache may keep one for good. `private`: the
 * access check runs on every request, so no shared cache may answer for us.
 */
export const IMMUTABLE = 'private, max-age=31536000, immutable';
/** An address that does not name the content (no `v`, an old `v`, the original): revalidate. */
export const REVALIDATE = 'private, no-cache';

const SIZE_NAMES = Object.keys(PHOTO_SIZES) as PhotoSize[];
const EXTENSION_FORMATS: Readonly<Record<string, DerivativeRef['format']>> = {
  [FORMAT_EXTENSIONS.webp]: 'webp',
  [FORMAT_EXTENSIONS.jpeg]: 'jpeg',
};

/** A header sent more than once is judged by its first value. */
function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `thumbnail.webp` → `{ size: 'thumbnail', format: 'webp' }`; `null` for anything else. */
function parseImageName(name: string): Pick<DerivativeRef, 'size' | 'format'> | null {
  const dot = name.lastIndexOf('.');
  const size = SIZE_NAMES.find((s) => s === name.slice(0, dot));
  const format = EXTENSION_FORMATS[name.slice(dot + 1)];
  return dot > 0 && size && format ? { size, format } : null;
}

const ImageParams = Type.Object(
  {
    photoId: PhotoParams.properties.photoId,
    image: Type.String({
      maxLength: MAX_PARAM_LENGTH,
      description: '`thumbnail`, `preview` or `large`, then `.webp` or `.jpg`',
      examples: ['thumbnail.webp', 'preview.jpg'],
    }),
  },
  { additionalProperties: false },
);

/** What an original may be: every type the pipeline sniffs, the videos, and bytes it could not. */
const ORIGINAL_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/tiff',
  'image/heic',
  'image/avif',
  'video/mp4',
  'video/quicktime',
  'application/octet-stream',
];

const BINARY = Type.String({ format: 'binary' });

const SERVED_HEADERS = {
  ETag: { type: 'string', description: 'The SHA-256 of the bytes, quoted: a strong ETag' },
  'Accept-Ranges': { type: 'string', description: '`bytes`' },
  'Cache-Control': {
    type: 'string',
    description:
      '`private, max-age=31536000, immutable` when `v` names the current image, else `private, no-cache`',
  },
} as const;

function served(description: string, types: readonly string[], partial: boolean): ContentResponse {
  return {
    description,
    content: Object.fromEntries(
      types.map((t) => [t, { schema: BINARY, example: `(the ${t} bytes)` }]),
    ),
    headers: partial
      ? {
          ...SERVED_HEADERS,
          'Content-Range': { type: 'string', description: '`bytes <first>-<last>/<size>`' },
        }
      : SERVED_HEADERS,
  };
}

/** The documented answers of a route that serves bytes of `types`. */
export function servedResponses(types: readonly string[]) {
  return responses(
    {
      200: served('The bytes', types, false),
      206: served('The part of the bytes that `Range` asked for', types, true),
      304: Type.Null({
        description: 'Not Modified: `If-None-Match` names the current `ETag`',
        headers: { ETag: SERVED_HEADERS.ETag },
      }),
    },
    { found: true, also: [416] },
  );
}

/**
 * The largest image kept in memory: every thumbnail, and the previews of all but the
 * busiest pictures. A gallery page asks for dozens at once, again on every visit.
 */
const CACHED_IMAGE_BYTES = 512 * 1024;

/** What one response serves: which blob, how long, as what, cached how. */
export interface Served {
  sha256: string;
  size: number;
  contentType: string;
  cacheControl: string;
}

/**
 * Sends a blob with validators and ranges: 304 for a matching `If-None-Match`, 206 for one
 * satisfiable `Range` (unless `If-Range` names another version), 416 for one that starts past
 * the end, else 200. HEAD gets the same headers and no body, without reading the blob.
 */
export async function sendBlob(
  ctx: Pick<ResourceContext<'blobs'>, 'storage'>,
  request: FastifyRequest,
  reply: FastifyReply,
  blob: Served,
  cache: SmallBlobCache | null = null,
): Promise<FastifyReply> {
  const etag = strongEtag(blob.sha256);
  reply
    .header('etag', etag)
    .header('accept-ranges', 'bytes')
    .header('cache-control', blob.cacheControl)
    .header('x-content-type-options', 'nosniff');
  if (noneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();

  const range: RangeAnswer = rangeStillValid(single(request.headers['if-range']), etag)
    ? parseRange(request.headers.range, blob.size)
    : { kind: 'whole' };
  if (range.kind === 'unsatisfiable') {
    throw new AppError(
      'range_not_satisfiable',
      `The range ${JSON.stringify(request.headers.range)} starts past the end of the ${blob.size} bytes`,
      undefined,
      { 'content-range': `bytes */${blob.size}` },
    );
  }
  const part = range.kind === 'part' ? range : null;
  const length = part ? part.end - part.start + 1 : blob.size;
  reply.type(blob.contentType).header('content-length', String(length));
  if (part) {
    reply.code(206).header('content-range', `bytes ${part.start}-${part.end}/${blob.size}`);
  }
  if (request.method === 'HEAD') return reply.send();
  const held = cache ? await cache.read(blob.sha256, blob.size) : null;
  if (held) return reply.send(part ? held.subarray(part.start, part.end + 1) : held);
  const stream = await ctx.storage.blobs.get(
    blob.sha256,
    part ? { start: part.start, end: part.end } : undefined,
  );
  if (!stream) {
    // The row names a blob the store does not have: storage lost it, not the caller's doing.
    request.log.error({ sha256: blob.sha256 }, 'a photo blob is missing from storage');
    reply.removeHeader('content-length').removeHeader('content-range');
    throw new AppError('not_found', 'The image is missing from storage');
  }
  return reply.send(stream);
}

/**
 * A photo's images: every size in WebP and JPEG to anyone who may see the photo, and the
 * original to the studio. The access check runs on every request, thumbnails included:
 * an address that leaks must not outlive the access it was made for.
 */
export async function photoImageRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<ImageStores>,
): Promise<void> {
  const tags = ['Photos'];
  const cache = new SmallBlobCache(ctx.storage.blobs, {
    maxBytes: ctx.config.imageCacheBytes,
    maxEntryBytes: CACHED_IMAGE_BYTES,
  });

  // HEAD is routed explicitly: Fastify's own HEAD route would send `Content-Length: 0` for the
  // empty body, or read the whole blob to throw it away.
  const original = {
    schema: {
      operationId: 'getPhotoOriginal',
      summary: 'Get the original of a photo, as uploaded',
      description:
        'Staff only (downloads for clients follow the collection’s download settings). The bytes are never altered; the ETag is their SHA-256. `Range` and `If-None-Match` are honoured; HEAD answers the same headers.',
      tags,
      params: PhotoParams,
      response: servedResponses(ORIGINAL_TYPES),
    },
    config: { roles: STAFF, rateLimit: 'images' as const },
  };
  async function serveOriginal(
    request: FastifyRequest<{ Params: Static<typeof PhotoParams> }>,
    reply: FastifyReply,
  ) {
    const viewer = await requestViewer(ctx, request);
    const id = requireNumericId('photo', request.params.photoId);
    const photo = await visiblePhoto(ctx, viewer, id);
    return sendBlob(ctx, request, reply, {
      sha256: photo.sha256,
      size: photo.size,
      contentType: photo.contentType,
      cacheControl: REVALIDATE,
    });
  }
  scope.get('/photos/:photoId/original', { ...original, exposeHeadRoute: false }, serveOriginal);
  scope.head('/photos/:photoId/original', original, serveOriginal);

  const image = {
    config: { visitors: true, rateLimit: 'images' as const },
    schema: {
      operationId: 'getPhotoImage',
      summary: 'Get one size of a photo as WebP or JPEG',
      description:
        'Anyone who may see the photo, checked on every request. Use the addresses in the photo’s `urls`: with their `v`, the image may be cached for good; without it (or with an old one) the current image is sent, to be revalidated. 404 while the photo is processing or when it failed. HEAD answers the same headers.',
      tags,
      params: ImageParams,
      querystring: PhotoImageQuery,
      response: servedResponses(['image/webp', 'image/jpeg']),
    },
  };
  async function serveImage(
    request: FastifyRequest<{
      Params: Static<typeof ImageParams>;
      Querystring: Static<typeof PhotoImageQuery>;
    }>,
    reply: FastifyReply,
  ) {
    const viewer = await requestViewer(ctx, request);
    const id = requireNumericId('photo', request.params.photoId);
    const wanted = parseImageName(request.params.image);
    if (!wanted) {
      throw new AppError(
        'not_found',
        `No image ${JSON.stringify(request.params.image.slice(0, 40))} of a photo: the sizes are ${SIZE_NAMES.join(', ')}, each as .webp or .jpg`,
      );
    }
    const photo = await visiblePhoto(ctx, viewer, id);
    const derivative = photo.derivatives.find(
      (d) => d.size === wanted.size && d.format === wanted.format,
    );
    if (!derivative) {
      const why = photo.status === 'ready' ? `a ${photo.kind} without sizes` : photo.status;
      throw new AppError('not_found', `Photo ${id} has no ${wanted.size}: it is ${why}`);
    }
    // Clients and visitors of a collection with the watermark on get the marked rendering.
    // Most collections are unmarked: one indexed read decides before the account is loaded.
    const markable =
      !isStudio(viewer) &&
      (await ctx.storage.watermarks.isEnabled(viewer.accountId, photo.collectionId));
    const account = markable ? await ctx.storage.accounts.findById(viewer.accountId) : null;
    const mark = account ? await collectionMark(ctx.storage, account, photo.collectionId) : null;
    const marked = mark ? await markedDerivative(ctx, mark, derivative) : null;
    const current = request.query.v === derivativeVersion(derivative, marked ? mark?.key : null);
    return sendBlob(
      ctx,
      request,
      reply,
      {
        sha256: marked?.sha256 ?? derivative.sha256,
        size: marked?.bytes ?? derivative.bytes,
        contentType: derivative.contentType,
        cacheControl: current ? IMMUTABLE : REVALIDATE,
      },
      cache,
    );
  }
  scope.get('/photos/:photoId/:image', { ...image, exposeHeadRoute: false }, serveImage);
  scope.head('/photos/:photoId/:image', image, serveImage);
}
