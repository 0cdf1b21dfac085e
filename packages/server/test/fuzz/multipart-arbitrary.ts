/**
 * Multipart bodies for routes that take an upload (`multipart/form-data` in the document):
 * valid forms with a real photo, so that uploads get through, and forms broken in each way an
 * upload can be: no file, a second one, unknown fields, bytes that are no photo, an empty
 * file, hostile file names, a wrong or malformed `sha256`, a body cut short, no boundary.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { BodyChoice } from './body-arbitrary.js';
import { w } from './weighted.js';

/** An 8×8 JPEG: a photo the pipeline takes, small enough to send with every request. */
const TINY_JPEG = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCcAqAP/9k=',
  'base64',
);

const BOUNDARY = 'fuzzboundary7MA4YWxkTrZu0gW';

type Part =
  | { name: string; value: string }
  | { name: string; filename: string | null; type: string; bytes: Buffer };

function form(parts: readonly Part[], options: { cut?: number; boundary?: boolean } = {}) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if ('bytes' in part) {
      if (part.filename !== null) head += `; filename="${part.filename}"`;
      head += `\r\nContent-Type: ${part.type}`;
    }
    chunks.push(
      Buffer.from(`${head}\r\n\r\n`),
      'bytes' in part ? part.bytes : Buffer.from(part.value),
    );
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  let body = Buffer.concat(chunks);
  if (options.cut) body = body.subarray(0, Math.max(0, body.length - options.cut));
  const contentType =
    options.boundary === false
      ? 'multipart/form-data'
      : `multipart/form-data; boundary=${BOUNDARY}`;
  return { body: { kind: 'bytes' as const, bytes: [...body] }, contentType };
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const file = (bytes: Buffer, filename: string | null = 'IMG_0001.JPG'): Part => ({
  name: 'file',
  filename,
  type: 'image/jpeg',
  bytes,
});

/** The form an owner would send: the tiny photo, sometimes with its right `sha256` first. */
export const validUpload: fc.Arbitrary<BodyChoice> = fc
  .boolean()
  .map((withHash) =>
    form(
      withHash ? [{ name: 'sha256', value: sha(TINY_JPEG) }, file(TINY_JPEG)] : [file(TINY_JPEG)],
    ),
  );

const HOSTILE_NAMES = [
  '',
  '../../etc/passwd',
  'C:\\x\\y.jpg',
  'a\u0000b.jpg',
  'x'.repeat(300),
  'é.jpg',
];

/** Forms broken in one way each. */
const brokenUpload: fc.Arbitrary<BodyChoice> = fc.oneof(
  fc.constant(form([{ name: 'sha256', value: sha(TINY_JPEG) }])),
  fc.constant(form([file(TINY_JPEG), file(TINY_JPEG)])),
  fc.constant(form([{ name: 'title', value: 'x' }, file(TINY_JPEG)])),
  fc.constant(form([{ name: 'photo', filename: 'a.jpg', type: 'image/jpeg', bytes: TINY_JPEG }])),
  fc.constant(form([file(Buffer.from('<html>not a photo</html>'))])),
  fc.constant(form([file(Buffer.alloc(0))])),
  fc.constant(form([{ name: 'sha256', value: sha(Buffer.from('other')) }, file(TINY_JPEG)])),
  fc.constant(form([file(TINY_JPEG), { name: 'sha256', value: sha(TINY_JPEG) }])),
  fc.string({ maxLength: 80 }).map((value) => form([{ name: 'sha256', value }, file(TINY_JPEG)])),
  fc.constantFrom(...HOSTILE_NAMES).map((name) => form([file(TINY_JPEG, name)])),
  fc.integer({ min: 1, max: 200 }).map((cut) => form([file(TINY_JPEG)], { cut })),
  fc.constant(form([file(TINY_JPEG)], { boundary: false })),
  fc.constant(form([])),
);

/** Bodies for an upload route: mostly valid forms, often broken ones. */
export function uploadBody(): fc.Arbitrary<BodyChoice> {
  return fc.oneof(w(3, validUpload), w(4, brokenUpload));
}
