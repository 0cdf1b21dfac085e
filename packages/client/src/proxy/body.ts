/** Reads a request body up to a size limit. */
import type { IncomingMessage } from 'node:http';

/** The body was larger than the limit. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds ${limit} bytes`);
    this.name = 'BodyTooLarge';
  }
}

/**
 * The body as text, or throws {@link BodyTooLarge} as soon as it passes `limit` bytes, without
 * buffering the rest: a large upload costs no memory.
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLarge(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
