/** Multipart bodies for the upload tests, written by hand so that each test controls every byte. */
import { createHash, randomBytes } from 'node:crypto';
import type { Photo } from '@proofsheet/protocol';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import type { Credentials, Harness } from '../../helpers/harness.js';

/** One part of a form: a field (text) or a file (bytes, with a file name). */
export type FormPart =
  | { name: string; value: string }
  | { name: string; filename?: string; contentType?: string; bytes: Buffer };

/** A `multipart/form-data` body and its Content-Type. */
export function multipart(parts: readonly FormPart[]): { body: Buffer; contentType: string } {
  const boundary = `----proofsheet${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if ('bytes' in part) {
      if (part.filename !== undefined) head += `; filename="${part.filename}"`;
      head += `\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}`;
    }
    chunks.push(Buffer.from(`${head}\r\n\r\n`));
    chunks.push('bytes' in part ? part.bytes : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A JPEG of `width`×`height`, its colour varied by `seed` so that each one's hash differs. */
export async function jpeg(width = 640, height = 480, seed = 0): Promise<Buffer> {
  const channel = (n: number) => (n * 37 + seed * 101) % 256;
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: channel(1), g: channel(2), b: channel(3) },
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** The start of an MP4 file (an `ftyp` box of brand `isom`), then `size` bytes of noise. */
export function mp4(size = 4096): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write('isomavc1', 16, 'latin1');
  return Buffer.concat([ftyp, randomBytes(size)]);
}

/** Posts a form to the upload route of `galleryId`. */
export function postForm(
  h: Harness,
  creds: Credentials,
  galleryId: number | string,
  form: { body: Buffer | string; contentType: string },
): Promise<LightMyRequestResponse> {
  return h.gallery.inject({
    method: 'POST',
    url: `/api/v1/galleries/${galleryId}/photos`,
    headers: { ...creds.headers, 'content-type': form.contentType },
    payload: form.body,
  });
}

/** Uploads `bytes` as the file `filename` and returns the response. */
export function upload(
  h: Harness,
  creds: Credentials,
  galleryId: number,
  bytes: Buffer,
  options: { filename?: string; sha256?: string } = {},
): Promise<LightMyRequestResponse> {
  const parts: FormPart[] = [];
  if (options.sha256 !== undefined) parts.push({ name: 'sha256', value: options.sha256 });
  parts.push({
    name: 'file',
    filename: options.filename ?? 'IMG_0001.JPG',
    contentType: 'image/jpeg',
    bytes,
  });
  return postForm(h, creds, galleryId, multipart(parts));
}

/** The photo of a 201. */
export function uploaded(res: LightMyRequestResponse): Photo {
  if (res.statusCode !== 201) throw new Error(`upload answered ${res.statusCode}: ${res.body}`);
  return res.json<{ data: Photo }>().data;
}

/** How many blobs the harness's store holds. */
export async function blobCount(h: Harness): Promise<number> {
  let n = 0;
  for await (const _ of h.storage.blobs.list()) n += 1;
  return n;
}
