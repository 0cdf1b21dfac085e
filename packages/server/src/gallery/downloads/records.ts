import { pipeline, type Readable, Transform } from 'node:stream';
import { newId } from '@proofsheet/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import type { DownloadRecord } from '../../storage/ports/download-store.js';
import { type Viewer, viewerKey } from '../viewer.js';

/** What a download is, as the route knows it when the response starts. */
export type DownloadStart = Pick<
  DownloadRecord,
  | 'subject'
  | 'collectionId'
  | 'galleryId'
  | 'photoId'
  | 'size'
  | 'filename'
  | 'rangeStart'
  | 'bytesExpected'
>;

type RecordContext = Pick<ResourceContext<'downloads' | 'users'>, 'storage' | 'clock' | 'random'>;

/** Longest user agent kept: enough to tell browsers apart, not a place to store a novel. */
const MAX_USER_AGENT = 512;

/** What the byte counter of a download holds before the body must wait. */
const COUNTED_BUFFER_BYTES = 1024 * 1024;

/** A recorded download, whose body is counted on its way out. */
export interface Recording {
  /** `body` with its bytes counted; closing the result closes `body` too. */
  count(body: Readable): Readable;
}

/**
 * Records a download as its response starts (awaited: no download leaves unrecorded). When the
 * response closes, finished or cut off, the record gets the bytes sent and whether that was
 * all of them.
 */
export async function recordDownload(
  ctx: RecordContext,
  request: FastifyRequest,
  reply: FastifyReply,
  viewer: Viewer,
  start: DownloadStart,
): Promise<Recording> {
  // A share-link visitor is no user: their email is the one they entered at the link.
  const email = viewer.visitor
    ? viewer.visitor.email
    : ((await ctx.storage.users.findById(viewer.userId))?.email ?? null);
  const id = newId('download', ctx.random.bytes);
  const agent = request.headers['user-agent'];
  await ctx.storage.downloads.record({
    ...start,
    id,
    accountId: viewer.accountId,
    viewerKey: viewerKey(viewer),
    email,
    ip: request.ip,
    userAgent: agent === undefined ? null : agent.slice(0, MAX_USER_AGENT),
    bytesSent: null,
    completed: false,
    createdAt: ctx.clock.now(),
    finishedAt: null,
  });
  let sent = 0;
  // 'finish': every byte went to the operating system; a client that went away first closes
  // the response without it.
  let finished = false;
  reply.raw.once('finish', () => {
    finished = true;
  });
  reply.raw.once('close', () => {
    const outcome = {
      bytesSent: sent,
      completed: finished && sent === start.bytesExpected,
      at: ctx.clock.now(),
    };
    ctx.storage.downloads.finish(id, outcome).catch((error: unknown) => {
      request.log.error({ err: error, download: id }, 'Could not record how a download ended');
    });
  });
  return {
    count(body) {
      const counted = new Transform({
        // As much as the body hands over at once: the default 16 KiB would stop a download's
        // flow at every chunk of a large file.
        highWaterMark: COUNTED_BUFFER_BYTES,
        transform(chunk: Buffer, _encoding, callback) {
          sent += chunk.length;
          callback(null, chunk);
        },
      });
      // `pipeline`, not `pipe`: the client going away destroys `counted`, which must close
      // `body` (and what it reads) too; an error of `body` must end the response, not hang it.
      pipeline(body, counted, () => {});
      return counted;
    },
  };
}
