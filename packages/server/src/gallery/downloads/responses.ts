import { DOWNLOAD_CONTENT_TYPES } from '@proofsheet/protocol';
import { Type } from '@sinclair/typebox';
import type { ContentResponse } from '../../http/responses.js';

const Binary = Type.String({ format: 'binary' });

const HEADERS = {
  ETag: {
    type: 'string',
    description: 'Strong: equal ETags are equal bytes. Send it as `If-Range` to resume.',
  },
  'Content-Disposition': {
    type: 'string',
    description: '`attachment`, with the file name as `filename*` (UTF-8) and `filename` (ASCII).',
  },
  'Accept-Ranges': { type: 'string', description: '`bytes`: a `Range` resumes the download.' },
  'Content-Length': { type: 'integer', description: 'Sent before the body, ZIPs included.' },
} as const;

const PARTIAL_HEADERS = {
  ...HEADERS,
  'Content-Range': { type: 'string', description: '`bytes start-end/size` of the part sent.' },
} as const;

function binary(types: readonly string[]): ContentResponse['content'] {
  return Object.fromEntries(
    types.map((type) => [type, { schema: Binary, example: `(the bytes, as ${type})` }]),
  );
}

/** A 304 to `If-None-Match`: no body. */
export const NotModified = Type.Null({
  description: 'Not Modified: `If-None-Match` names the current `ETag`.',
});

/** The successes of a route that sends a file of one of `types`, whole or a `Range` of it. */
export function fileResponses(what: string, types: readonly string[]) {
  return {
    200: { description: what, content: binary(types), headers: HEADERS },
    206: {
      description: `Partial Content: the part of ${what.toLowerCase()} that \`Range\` asked for (\`If-Range\` naming the current \`ETag\`, or absent)`,
      content: binary(types),
      headers: PARTIAL_HEADERS,
    },
    304: NotModified,
  } satisfies Record<number, unknown>;
}

/** Types a photo or video download may have. */
export const MEDIA_TYPES = DOWNLOAD_CONTENT_TYPES;
/** The type of an archive. */
export const ZIP_TYPES = ['application/zip'] as const;
