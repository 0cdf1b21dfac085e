import type { IncomingHttpHeaders } from 'node:http';
import parseRange from 'range-parser';
import { AppError } from '../../http/app-error.js';

/** What part of a file of known size and ETag a request gets. */
export type ByteRange =
  | { partial: false; start: 0; end: number }
  | { partial: true; start: number; end: number };

/** Whether a list of entity tags (`If-None-Match`) names `etag`, weakly, as RFC 9110 asks. */
export function noneMatch(headers: IncomingHttpHeaders, etag: string): boolean {
  const header = headers['if-none-match'];
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/**
 * The range a request gets of `size` bytes whose strong ETag is `etag`. The whole file when
 * there is no `Range`, when `If-Range` names another version (or a date: these files have no
 * `Last-Modified`, so no date can vouch for them), when the header is malformed (RFC 9110 says
 * to ignore it), or when it asks for several ranges (no multipart answers: the client gets the
 * whole, which is always correct). A 416 when it starts past the end.
 */
export function byteRange(headers: IncomingHttpHeaders, size: number, etag: string): ByteRange {
  const whole: ByteRange = { partial: false, start: 0, end: size - 1 };
  const header = headers.range;
  if (header === undefined) return whole;
  const ifRange = headers['if-range'];
  // A strong comparison: a resumed part of another version would corrupt the file.
  if (ifRange !== undefined && String(ifRange).trim() !== etag) return whole;
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) {
    throw new AppError(
      'range_not_satisfiable',
      `The range ${JSON.stringify(header.slice(0, 60))} is outside the file's ${size} bytes`,
      undefined,
      { 'content-range': `bytes */${size}` },
    );
  }
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return whole;
  const [range] = ranges;
  if (!range || (range.start === 0 && range.end === size - 1)) return whole;
  return { partial: true, start: range.start, end: range.end };
}

/** `Content-Range` of a partial answer. */
export function contentRange(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}
