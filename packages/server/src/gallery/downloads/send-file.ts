import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error.js';
import { noneMatch, parseRange, rangeStillValid } from '../../http/byte-range.js';
import type { Viewer } from '../viewer.js';
import { attachmentHeader } from './file-names.js';
import { type DownloadStart, recordDownload } from './records.js';

/** Inclusive byte offsets of what a response carries of a file. */
export interface ByteSpan {
  start: number;
  end: number;
  /** Not the whole file: a 206. */
  partial: boolean;
}

/** A file to answer a download with, whole or in part. */
export interface DownloadFile {
  /** Strong: the same ETag promises the same bytes. */
  etag: string;
  size: number;
  contentType: string;
  filename: string;
  /** What the download record says was downloaded. */
  subject: Omit<DownloadStart, 'filename' | 'rangeStart' | 'bytesExpected'>;
  /** The bytes of `span`, exactly; a 404 when they are gone. */
  open(span: ByteSpan): Promise<Readable>;
}

type SendContext = Parameters<typeof recordDownload>[0];

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The part of the file a request gets: the whole without `Range`, or when `If-Range` names
 * another version; the one range asked for (the rules are `http/byte-range.ts`'s, shared with
 * the image routes); a 416 past the end.
 */
function requestedSpan(request: FastifyRequest, file: DownloadFile): ByteSpan {
  const whole = { start: 0, end: file.size - 1, partial: false };
  if (!rangeStillValid(single(request.headers['if-range']), file.etag)) return whole;
  const range = parseRange(request.headers.range, file.size);
  if (range.kind === 'unsatisfiable') {
    throw new AppError(
      'range_not_satisfiable',
      `The range ${JSON.stringify(request.headers.range)} starts past the end of the ${file.size} bytes`,
      undefined,
      { 'content-range': `bytes */${file.size}` },
    );
  }
  if (range.kind === 'whole' || (range.start === 0 && range.end === file.size - 1)) return whole;
  return { start: range.start, end: range.end, partial: true };
}

/**
 * Answers a download: 304 to a matching `If-None-Match`; the part a `Range` asks for (206, or
 * 416 past the end) unless `If-Range` names another version; `Content-Length` up front either
 * way. `HEAD` gets the headers alone and is not recorded; every answer with a body is. The
 * file's headers go on a success only: an error is not saved as `DSC_0412.jpg`.
 */
export async function sendDownload(
  ctx: SendContext,
  request: FastifyRequest,
  reply: FastifyReply,
  viewer: Viewer,
  file: DownloadFile,
): Promise<FastifyReply> {
  reply.header('etag', file.etag);
  if (noneMatch(request.headers['if-none-match'], file.etag)) return reply.code(304).send();
  const span = requestedSpan(request, file);
  const length = span.end - span.start + 1;
  const succeed = () => {
    reply
      .type(file.contentType)
      .header('content-length', String(length))
      .header('accept-ranges', 'bytes')
      .header('content-disposition', attachmentHeader(file.filename));
    if (span.partial) {
      reply.code(206).header('content-range', `bytes ${span.start}-${span.end}/${file.size}`);
    }
  };
  if (request.method === 'HEAD') {
    succeed();
    // Fastify's HEAD handling sets `Content-Length: 0` for no body but keeps ours for a
    // stream, which it drains: an empty one, so that HEAD opens and reads nothing.
    return reply.send(Readable.from([]));
  }
  const body = await file.open(span);
  let recording: Awaited<ReturnType<typeof recordDownload>>;
  try {
    recording = await recordDownload(ctx, request, reply, viewer, {
      ...file.subject,
      filename: file.filename,
      rangeStart: span.start,
      bytesExpected: length,
    });
  } catch (error) {
    body.destroy();
    throw error;
  }
  succeed();
  return reply.send(recording.count(body));
}
