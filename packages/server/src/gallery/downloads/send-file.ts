import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../viewer.js';
import { type ByteRange, byteRange, contentRange, noneMatch } from './byte-range.js';
import { attachmentHeader } from './file-names.js';
import { type DownloadStart, recordDownload } from './records.js';

/** A file to answer a download with, whole or in part. */
export interface DownloadFile {
  /** Strong: the same ETag promises the same bytes. */
  etag: string;
  size: number;
  contentType: string;
  filename: string;
  /** What the download record says was downloaded. */
  subject: Omit<DownloadStart, 'filename' | 'rangeStart' | 'bytesExpected'>;
  /** The bytes of `range`, exactly. */
  open(range: ByteRange): Promise<Readable>;
}

type SendContext = Parameters<typeof recordDownload>[0];

/**
 * Answers a download: 304 to a matching `If-None-Match`; the part a `Range` asks for (206, or
 * 416 past the end) unless `If-Range` names another version; `Content-Length` up front either
 * way. `HEAD` gets the headers alone and is not recorded; every answer with a body is.
 */
export async function sendDownload(
  ctx: SendContext,
  request: FastifyRequest,
  reply: FastifyReply,
  viewer: Viewer,
  file: DownloadFile,
): Promise<FastifyReply> {
  reply
    .header('etag', file.etag)
    .header('accept-ranges', 'bytes')
    .header('content-disposition', attachmentHeader(file.filename));
  if (noneMatch(request.headers, file.etag)) return reply.code(304).send();
  const range = byteRange(request.headers, file.size, file.etag);
  const length = range.end - range.start + 1;
  reply.type(file.contentType).header('content-length', String(length));
  if (range.partial) reply.code(206).header('content-range', contentRange(range, file.size));
  // Fastify's HEAD handling sets `Content-Length: 0` for no body but keeps ours for a stream,
  // which it drains: an empty one, so that HEAD opens and reads nothing.
  if (request.method === 'HEAD') return reply.send(Readable.from([]));
  const recording = await recordDownload(ctx, request, reply, viewer, {
    ...file.subject,
    filename: file.filename,
    rangeStart: range.start,
    bytesExpected: length,
  });
  return reply.send(recording.count(await file.open(range)));
}
