/**
 * HTTP range requests (RFC 9110 §14) and entity tags for files served whole or in part, as
 * pure functions of the request's headers and the file's size and ETag.
 */

/** What to send for a `Range` header: the whole file, one part of it, or a 416. */
export type RangeAnswer =
  | { kind: 'whole' }
  /** Inclusive byte offsets, `start <= end < size`. */
  | { kind: 'part'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const SPEC = /^(\d*)-(\d*)$/;

/**
 * The part of a `size`-byte file that `header` asks for. A header that is not one well-formed
 * `bytes=` range is ignored (the whole file), as RFC 9110 allows: so are several ranges, which
 * image viewers do not ask for and which would need a multipart body. A range starting past
 * the end cannot be met (416); one running past the end is cut at the end.
 *
 * @example
 * parseRange('bytes=0-99', 1000); // { kind: 'part', start: 0, end: 99 }
 * parseRange('bytes=-100', 1000); // { kind: 'part', start: 900, end: 999 }
 * parseRange('bytes=1000-', 1000); // { kind: 'unsatisfiable' }
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'whole' };
  const match = /^bytes=(.*)$/i.exec(header.trim());
  const specs = match?.[1]?.split(',').map((s) => s.trim()) ?? [];
  if (specs.length !== 1) return { kind: 'whole' };
  const spec = SPEC.exec(specs[0] ?? '');
  if (!spec) return { kind: 'whole' };
  const [, first = '', last = ''] = spec;
  // Longer than any file: a number past 2^53 would lose its value.
  if (first.length > 15 || last.length > 15) return { kind: 'whole' };
  if (first === '') {
    // `bytes=-N`: the last N bytes.
    if (last === '') return { kind: 'whole' };
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  if (end < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: Math.min(end, size - 1) };
}

/** `"<sha256>"`: a strong ETag, since the bytes are exactly those the hash names. */
export function strongEtag(sha256: string): string {
  return `"${sha256}"`;
}

/** The entity tags of an `If-None-Match` or `If-Range` header, `W/` prefixes kept. */
function tagsOf(header: string): string[] {
  return header
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for it), or is `*`. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = etag.replace(/^W\//, '');
  return tagsOf(header).some((tag) => tag === '*' || tag.replace(/^W\//, '') === bare);
}

/**
 * Whether a `Range` may be honoured under `If-Range`: with no `If-Range`, yes; with one, only if
 * it is this strong ETag (a date or any other tag means "the file changed: send it whole").
 */
export function rangeStillValid(ifRange: string | undefined, etag: string): boolean {
  if (ifRange === undefined) return true;
  return ifRange.trim() === etag && !etag.startsWith('W/');
}
